namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>
/// Diffs one function's declared event source mappings against the mappings AWS lists for its qualified ARN.
/// Pure: the live state comes in as values, the plan goes out as values; nothing here calls AWS.
/// </summary>
internal static class MappingDiff
{
    private const string FunctionArn = "FunctionArn";
    private const string State = "State";
    private const string UuidMember = "UUID";

    /// <summary>Plans the changes that make AWS match the target function's declared mappings.</summary>
    /// <param name="live">Every mapping AWS lists for the function, with its tags.</param>
    /// <returns>Deletes and replaces first, then updates, creates and no-ops, stable within each; and the drift.</returns>
    public static WiringPlan Plan(PlanTarget target, IReadOnlyList<LiveMapping> live)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(live);

        var function = target.Function;
        var lives = live.Select(m => Live.From(m, target)).ToList();
        var drift = new List<DriftObservation>();
        var claimed = new bool[lives.Count];
        var planned = new List<(int Order, PlannedChange Change)>();
        var unmatched = new List<(int Order, EventSourceMappingDefinition Declared)>();

        var declarations = function.EventSourceMappings;
        for (var i = 0; i < declarations.Count; i++)
        {
            var match = FindMatch(lives, claimed, declarations[i]);
            if (match < 0)
            {
                unmatched.Add((i, declarations[i]));
                continue;
            }

            claimed[match] = true;
            planned.Add((i, Compare(declarations[i], lives[match], target)));
        }

        foreach (var (order, declared) in unmatched)
        {
            var previous = FindPreviousSource(lives, claimed, declared.Kind);
            var alone = unmatched.Count(u => u.Declared.Kind == declared.Kind) == 1;
            if (previous >= 0 && alone)
            {
                claimed[previous] = true;
                planned.Add((order, Compare(declared, lives[previous], target)));
            }
            else
            {
                planned.Add((order, Create(declared, target)));
            }
        }

        for (var i = 0; i < lives.Count; i++)
        {
            if (!claimed[i])
            {
                if (Undeclared(lives[i], target) is { } delete)
                {
                    planned.Add((declarations.Count + i, delete));
                }
                else
                {
                    drift.Add(Drift(lives[i], target));
                }
            }
        }

        return WiringPlan.Of([.. planned.OrderBy(p => Rank(p.Change.Action)).ThenBy(p => p.Order).Select(p => p.Change)], drift);
    }

    private static int Rank(ChangeAction action) => action switch
    {
        ChangeAction.Delete => 0,
        ChangeAction.Replace => 1,
        ChangeAction.Update => 2,
        ChangeAction.Create => 3,
        _ => 4,
    };

    // Among mappings of one source, the one reading the same topic or queue is preferred (one cluster can feed
    // several mappings), then one this file owns, so a stray duplicate (possible in emulators) is reported as drift.
    private static int FindMatch(List<Live> lives, bool[] claimed, EventSourceMappingDefinition declared)
    {
        var identity = EventSources.Identity(declared.Members);
        var within = EventSources.Within(declared.Members);
        var found = -1;
        var best = int.MaxValue;
        for (var i = 0; i < lives.Count; i++)
        {
            if (claimed[i] || lives[i].Identity != identity)
            {
                continue;
            }

            var rank = (EventSources.Within(lives[i].Mapping.Configuration) == within ? 0 : 2) + (lives[i].Ours ? 0 : 1);
            if (rank < best)
            {
                (found, best) = (i, rank);
            }
        }

        return found;
    }

    // When a declaration's source changed (a new queue, stream or broker set), the mapping this file created for
    // the old source is the one to replace; only when exactly one such candidate exists is that provable.
    private static int FindPreviousSource(List<Live> lives, bool[] claimed, EventSourceKind kind)
    {
        var candidates = Enumerable.Range(0, lives.Count)
            .Where(i => !claimed[i] && lives[i].Kind == kind && lives[i].Ours)
            .Take(2)
            .ToList();
        return candidates.Count == 1 ? candidates[0] : -1;
    }

    private static PlannedChange Create(EventSourceMappingDefinition declared, PlanTarget target)
    {
        var request = CreateRequest(declared, target);
        var fields = request
            .Where(member => member.Key is not MappingFields.FunctionName and not MappingFields.Tags)
            .Select(member => new FieldDiff(member.Key, null, CanonicalJson.ForDisplay(member.Value)))
            .Concat(TagDiffs(new Dictionary<string, string>(), DesiredTags(declared, target)))
            .ToList();
        return new PlannedChange(
            ChangeAction.Create, ResourceKind.EventSourceMapping, EventSources.Address(declared.Kind, declared.Members),
            null, new CreateMapping(target.QualifiedArn, request), fields, [], declared.Span);
    }

    private static PlannedChange Compare(EventSourceMappingDefinition declared, Live live, PlanTarget target)
    {
        var diff = new Diff();
        var configuration = live.Mapping.Configuration;

        var liveFunction = EventSources.String(configuration, FunctionArn);
        if (liveFunction != target.QualifiedArn)
        {
            diff.Add(
                new FieldDiff(MappingFields.FunctionName, Quoted(liveFunction), CanonicalJson.Quote(target.QualifiedArn)),
                JsonValue.Create(target.QualifiedArn));
        }

        foreach (var rule in MappingFields.Rules)
        {
            if (rule.Shape == FieldShape.DeclaredMembers)
            {
                CompareMembers(rule, declared, configuration, diff);
            }
            else
            {
                CompareWhole(rule, declared, configuration, diff);
            }
        }

        var desiredTags = DesiredTags(declared, target);
        var tagDiffs = TagDiffs(live.Mapping.Tags, desiredTags);
        diff.Fields.AddRange(tagDiffs);
        var tags = new TagDelta(
            tagDiffs.Where(t => t.After is not null).Select(t => t.Field[(MappingFields.Tags.Length + 1)..])
                .ToDictionary(key => key, key => desiredTags[key], StringComparer.Ordinal),
            [.. tagDiffs.Where(t => t.After is null).Select(t => t.Field[(MappingFields.Tags.Length + 1)..])]);

        if (!Ownership.IsManaged(live.Mapping.Tags))
        {
            diff.Notes.Add("adopted: this mapping was not created by gitmoxi; it now gets the ownership tags");
        }
        else if (live.Owner != target.Owner && live.Ours)
        {
            diff.Notes.Add("migrated: its ownership tags now name this repository and the definition's path in it");
        }

        if (EventSources.String(configuration, State) is { } state && EnabledFromState(state) is null)
        {
            diff.Notes.Add($"the mapping is {state}: apply waits until it settles; Enabled is compared once it is Enabled or Disabled");
        }

        var address = EventSources.Address(declared.Kind, declared.Members);
        var forcing = diff.Fields.Where(f => f.ForcesReplacement).ToList();
        if (forcing.Count > 0)
        {
            diff.Notes.Add(ReplacementNote(declared, forcing));
            return new PlannedChange(
                ChangeAction.Replace, ResourceKind.EventSourceMapping, address, live.Uuid,
                new ReplaceMapping(live.Uuid!, target.QualifiedArn, CreateRequest(declared, target)), diff.Fields, diff.Notes, declared.Span);
        }

        var changed = diff.Fields.Count > 0;
        return new PlannedChange(
            changed ? ChangeAction.Update : ChangeAction.NoOp, ResourceKind.EventSourceMapping, address, live.Uuid,
            changed ? new UpdateMapping(live.Uuid!, live.MappingArn(target), diff.Update, tags) : null, diff.Fields, diff.Notes, declared.Span);
    }

    private static void CompareWhole(FieldRule rule, EventSourceMappingDefinition declared, JsonObject configuration, Diff diff)
    {
        var wanted = Normalized(rule.Name, declared.Members[rule.Name]);
        var actual = rule.Name == MappingFields.Enabled ? LiveEnabled(configuration) : configuration[rule.Name];
        if (rule.Name == MappingFields.Enabled && actual is null)
        {
            return;
        }

        var fallback = rule.Default?.Invoke(declared.Kind) is { } text ? JsonNode.Parse(text) : null;
        if (wanted is null && fallback is null)
        {
            NoteUndeclared(rule, declared.Kind, actual, diff);
            return;
        }

        var after = wanted ?? fallback;
        if (CanonicalJson.AreEqual(actual ?? fallback, after))
        {
            return;
        }

        diff.Add(
            new FieldDiff(rule.Name, CanonicalJson.ForDisplay(actual), CanonicalJson.ForDisplay(after), rule.CreateOnly, wanted is null),
            rule.CreateOnly ? null : after);
    }

    private static void CompareMembers(FieldRule rule, EventSourceMappingDefinition declared, JsonObject configuration, Diff diff)
    {
        if (declared.Members[rule.Name] is not JsonObject wanted)
        {
            NoteUndeclared(rule, declared.Kind, configuration[rule.Name], diff);
            return;
        }

        var actual = configuration[rule.Name] as JsonObject;
        var merged = actual?.DeepClone().AsObject() ?? [];
        var defaults = rule.MemberDefaults ?? new Dictionary<string, string>();
        var names = wanted.Select(member => member.Key).Union(defaults.Keys, StringComparer.Ordinal);
        var changed = false;
        foreach (var name in names)
        {
            var fallback = defaults.TryGetValue(name, out var text) ? JsonNode.Parse(text) : null;
            var after = wanted[name] ?? fallback;
            var before = actual?[name];
            merged[name] = after?.DeepClone();
            if (CanonicalJson.AreEqual(before ?? fallback, after))
            {
                continue;
            }

            changed = true;
            var forces = rule.ReplacingMembers?.Contains(name) ?? false;
            diff.Fields.Add(new FieldDiff(
                rule.Name + "." + name, CanonicalJson.ForDisplay(before), CanonicalJson.ForDisplay(after), forces, !wanted.ContainsKey(name)));
        }

        // AWS-generated members (the consumer group id) are sent back unchanged rather than left to chance.
        if (changed)
        {
            diff.Update[rule.Name] = merged;
        }
    }

    private static void NoteUndeclared(FieldRule rule, EventSourceKind kind, JsonNode? actual, Diff diff)
    {
        // A zero is "not set" as far as a reader of the plan is concerned.
        if (rule.UndeclaredNote?.Invoke(kind) is { } note && CanonicalJson.ForComparison(actual) is { } value && value != "0")
        {
            diff.Notes.Add($"{rule.Name} is {value} on the live mapping but not declared: {note}");
        }
    }

    private static string ReplacementNote(EventSourceMappingDefinition declared, List<FieldDiff> forcing)
    {
        var fields = string.Join(", ", forcing.Select(f => Located(declared, f.Field)));
        var note = $"{fields} cannot change in place: the mapping is deleted, then created again";
        return declared.Kind is EventSourceKind.Sqs or EventSourceKind.MQ
            ? note
            : note + "; its stream position and checkpoints reset (the new mapping starts from its StartingPosition)";
    }

    private static string Located(EventSourceMappingDefinition declared, string field) =>
        declared.MemberSpans.TryGetValue(field.Split('.')[0], out var span) ? $"{field} ({span})" : field;

    /// <summary>The delete of an undeclared mapping this definition owns, with prune on; null when it is drift.</summary>
    private static PlannedChange? Undeclared(Live live, PlanTarget target) =>
        live.Ours && target.Prune && live.Uuid is { } uuid
            ? new PlannedChange(
                ChangeAction.Delete, ResourceKind.EventSourceMapping, EventSources.Address(live.Kind, live.Mapping.Configuration), uuid,
                new DeleteMapping(uuid), [], ["created by gitmoxi and no longer declared; prune is on"], null)
            : null;

    private static DriftObservation Drift(Live live, PlanTarget target)
    {
        var reason = live.Owner switch
        {
            null => "not created by gitmoxi; never removed",
            _ when live.Ours => "created by gitmoxi and no longer declared; prune is off",
            var owner when owner.Repository == target.Owner.Repository => $"created by gitmoxi for {owner.DefinitionPath}; only that file's plan removes it",
            var owner => $"created by gitmoxi for {owner.DefinitionPath} in {(owner.Repository.Length == 0 ? "a repository of an earlier version" : owner.Repository)}; only that file's plan removes it",
        };
        return new DriftObservation(ResourceKind.EventSourceMapping, EventSources.Address(live.Kind, live.Mapping.Configuration), live.Uuid, reason, []);
    }

    private static JsonObject CreateRequest(EventSourceMappingDefinition declared, PlanTarget target)
    {
        var request = new JsonObject { [MappingFields.FunctionName] = target.QualifiedArn };
        foreach (var (name, value) in declared.Members)
        {
            if (name != MappingFields.Tags)
            {
                request[name] = Normalized(name, value);
            }
        }

        request[MappingFields.Tags] = TagObject(DesiredTags(declared, target));
        return request;
    }

    /// <summary>A detached copy of a declared value, timestamps as epoch seconds (the wire form AWS returns).</summary>
    private static JsonNode? Normalized(string name, JsonNode? value)
    {
        if (name == MappingFields.StartingPositionTimestamp && value is JsonValue text && text.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(text.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return JsonValue.Create(CanonicalJson.Normalize(time.ToUnixTimeMilliseconds() / 1000m));
        }

        return value?.DeepClone();
    }

    private static JsonValue? LiveEnabled(JsonObject configuration) =>
        EventSources.String(configuration, State) is { } state && EnabledFromState(state) is { } enabled
            ? JsonValue.Create(enabled)
            : null;

    // Enabling and Disabling already tell where the mapping is going; Creating, Updating and Deleting do not.
    private static bool? EnabledFromState(string state) => state switch
    {
        "Enabled" or "Enabling" => true,
        "Disabled" or "Disabling" => false,
        _ => null,
    };

    private static SortedDictionary<string, string> DesiredTags(EventSourceMappingDefinition declared, PlanTarget target)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (declared.Members[MappingFields.Tags] is JsonObject declaredTags)
        {
            foreach (var (key, value) in declaredTags)
            {
                if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                {
                    tags[key] = text.GetValue<string>();
                }
            }
        }

        foreach (var (key, value) in Ownership.Tags(target.Owner))
        {
            tags[key] = value;
        }

        return tags;
    }

    // Tags under "aws:" are AWS's own and cannot be removed, so they never take part in the diff.
    private static List<FieldDiff> TagDiffs(IReadOnlyDictionary<string, string> actual, SortedDictionary<string, string> wanted) =>
        actual.Keys.Where(key => !key.StartsWith("aws:", StringComparison.Ordinal))
            .Union(wanted.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key => (Key: key, Before: actual.GetValueOrDefault(key), After: wanted.GetValueOrDefault(key)))
            .Where(tag => tag.Before != tag.After)
            .Select(tag => new FieldDiff(MappingFields.Tags + "." + tag.Key, Quoted(tag.Before), Quoted(tag.After)))
            .ToList();

    private static JsonObject TagObject(SortedDictionary<string, string> tags)
    {
        var result = new JsonObject();
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }

    private static string? Quoted(string? value) => value is null ? null : CanonicalJson.Quote(value);

    /// <param name="Ours">Owned by this definition: tagged with its owner record, or by the previous version (no repository tag) with its path.</param>
    private sealed record Live(LiveMapping Mapping, EventSourceKind? Kind, string Identity, string? Uuid, OwnerIdentity? Owner, bool Ours)
    {
        public static Live From(LiveMapping mapping, PlanTarget target)
        {
            var owner = Ownership.OwnerOf(mapping.Tags);
            var ours = owner == target.Owner
                || (owner is { Repository.Length: 0 } && (owner.DefinitionPath == target.Owner.DefinitionPath || owner.DefinitionPath == target.Function.DefinitionFile));
            return new(
                mapping,
                EventSources.KindOf(mapping.Configuration),
                EventSources.Identity(mapping.Configuration),
                EventSources.String(mapping.Configuration, UuidMember),
                owner,
                ours);
        }

        /// <summary>The mapping's own ARN (for tagging): as AWS lists it, or built in the function's account and Region.</summary>
        public string MappingArn(PlanTarget target)
        {
            if (EventSources.String(Mapping.Configuration, "EventSourceMappingArn") is { } arn)
            {
                return arn;
            }

            var parts = target.QualifiedArn.Split(':');
            return $"arn:{parts[1]}:lambda:{parts[3]}:{parts[4]}:event-source-mapping:{Uuid}";
        }
    }

    /// <summary>The diffs of one matched mapping, and the UpdateEventSourceMapping members that would fix them.</summary>
    private sealed class Diff
    {
        public List<FieldDiff> Fields { get; } = [];

        public JsonObject Update { get; } = [];

        public List<string> Notes { get; } = [];

        public void Add(FieldDiff field, JsonNode? updateValue)
        {
            Fields.Add(field);
            if (updateValue is not null)
            {
                Update[field.Field] = updateValue.DeepClone();
            }
        }
    }
}
