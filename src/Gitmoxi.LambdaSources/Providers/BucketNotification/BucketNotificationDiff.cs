using System.Security.Cryptography;
using Gitmoxi.LambdaSources.Aws.S3.Model;

namespace Gitmoxi.LambdaSources.Providers.BucketNotification;

/// <summary>
/// Diffs one function's declared S3 sources against the buckets' notification configurations. Pure. A configuration's
/// owner record is its <c>Id</c>, <c>gitmoxi-{repository hash}-{digest of function, bucket and filter}</c>: only such a
/// configuration pointing at this function is ever changed or removed. Every other configuration (queues, topics,
/// other Lambda configurations, the EventBridge flag) is left exactly as it is.
/// </summary>
internal static class BucketNotificationDiff
{
    /// <summary>
    /// The configuration id of one declared source: stable while its events change or its alias moves (so those update
    /// it in place), new when its filter changes (other objects: another configuration).
    /// </summary>
    public static string ConfigurationId(OwnerIdentity owner, string unqualifiedFunctionArn, string bucket, string filterKey)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{unqualifiedFunctionArn}\n{bucket}\n{filterKey}")))[..16];
        return $"{OwnedPrefix(owner)}{digest.ToLowerInvariant()}";
    }

    /// <summary>Every configuration id this repository writes starts so.</summary>
    public static string OwnedPrefix(OwnerIdentity owner) => $"{StatementIds.OwnedPrefix}{owner.RepositoryHash}-";

    public static WiringPlan Plan(PlanTarget target, BucketNotificationLive live, IReadOnlyList<OwnedStatement> owned)
    {
        var plan = new WiringPlanBuilder();
        var key = PushSources.QualifierKey(target.Function.Qualifier);
        var (partition, _, account) = PushSources.ArnParts(target.QualifiedArn);
        var declaredIds = new HashSet<string>(StringComparer.Ordinal);
        var sources = target.Function.PushSources.OfType<S3PushSource>().ToList();
        var wanted = sources.ToDictionary(
            s => s,
            s => new LambdaNotification(
                ConfigurationId(target.Owner, target.UnqualifiedArn, s.Bucket, s.FilterKey), target.QualifiedArn, s.Events,
                [.. s.FilterRules.Select(r => new FilterRule(r.Name, r.Value))]));
        declaredIds.UnionWith(wanted.Values.Select(w => w.Id));

        foreach (var source in sources)
        {
            var sid = StatementIds.S3(target.Owner, source.Bucket);
            plan.Declared.Add(sid);
            var bucket = live.Buckets.GetValueOrDefault(source.Bucket);
            var mine = wanted[source];
            var others = sources.Where(s => s != source && s.Bucket == source.Bucket).Select(s => wanted[s]);
            if (Problem(target, bucket, source, mine, others, declaredIds) is { } problem)
            {
                plan.Skipped.Add(sid);
                plan.Diagnostics.Add(problem);
                continue;
            }

            if (!plan.Permissions.Any(p => p.QualifierKey == key && p.Sid == sid))
            {
                plan.Permissions.Add(new PermissionRequirement(
                    key, sid, null, EventSourceFileValidator.S3Service, PushSources.BucketArn(partition, source.Bucket), source.Span, account));
            }

            plan.Changes.Add(Change(target, bucket!, mine, account, source.Span));
        }

        foreach (var bucket in live.Buckets.Values.Where(b => b.State == BucketState.Read))
        {
            foreach (var entry in bucket.Configuration.Entries.Where(e => IsForFunction(e, target) && !declaredIds.Contains(e.Id ?? string.Empty)))
            {
                Undeclared(plan, target, bucket, entry, account, wanted.Values);
            }
        }

        return plan.Build();
    }

    /// <summary>
    /// Whether two configurations would get the same event for the same object: a shared event type (a wildcard
    /// covers its kind) and overlapping key filters, where two prefixes overlap when one starts the other and two
    /// suffixes when one ends the other, an absent rule matching every key
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html). S3 refuses a
    /// configuration that overlaps another with <c>Configurations overlap</c>.
    /// </summary>
    public static bool Overlap(IReadOnlyList<string> eventsA, IReadOnlyList<FilterRule> filterA, IReadOnlyList<string> eventsB, IReadOnlyList<FilterRule> filterB)
    {
        ArgumentNullException.ThrowIfNull(eventsA);
        ArgumentNullException.ThrowIfNull(eventsB);
        var shared = eventsA.Any(a => eventsB.Any(b => EventsOverlap(a, b)));
        return shared
            && Overlaps(Rule(filterA, "prefix"), Rule(filterB, "prefix"), (x, y) => x.StartsWith(y, StringComparison.Ordinal))
            && Overlaps(Rule(filterA, "suffix"), Rule(filterB, "suffix"), (x, y) => x.EndsWith(y, StringComparison.Ordinal));
    }

    /// <summary>Equal as S3 compares them: events as a set, rule names in any case, no filter and no rules alike.</summary>
    public static bool SameContent(NotificationEntry entry, LambdaNotification wanted, bool compareArn = true) =>
        (!compareArn || entry.Arn == wanted.LambdaFunctionArn)
        && entry.Events.ToHashSet(StringComparer.Ordinal).SetEquals(wanted.Events)
        && FilterText(entry.FilterRules) == FilterText(wanted.FilterRules);

    private static bool EventsOverlap(string a, string b)
    {
        static string Kind(string e) => e.EndsWith(":*", StringComparison.Ordinal) ? e[..^1] : e;
        return a == b
            || (a.EndsWith(":*", StringComparison.Ordinal) && b.StartsWith(Kind(a), StringComparison.Ordinal))
            || (b.EndsWith(":*", StringComparison.Ordinal) && a.StartsWith(Kind(b), StringComparison.Ordinal));
    }

    private static bool Overlaps(string? a, string? b, Func<string, string, bool> covers) =>
        a is null || b is null || covers(a, b) || covers(b, a);

    private static string? Rule(IReadOnlyList<FilterRule> rules, string name) =>
        rules.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    private static string FilterText(IReadOnlyList<FilterRule> rules) =>
        string.Join("\n", rules.Select(r => r.Name.ToLowerInvariant() + "=" + r.Value).Order(StringComparer.Ordinal));

    private static bool IsForFunction(NotificationEntry entry, PlanTarget target) =>
        entry.IsLambda && entry.Arn is { } arn && FunctionArns.Unqualified(arn) == target.UnqualifiedArn;

    private static Diagnostic? Problem(
        PlanTarget target, LiveBucket? bucket, S3PushSource source, LambdaNotification mine, IEnumerable<LambdaNotification> siblings, HashSet<string> declaredIds)
    {
        switch (bucket?.State)
        {
            case null or BucketState.NotFound:
                return Diagnostic.Error(DiagnosticCodes.BucketNotFound, $"The bucket {source.Bucket} does not exist: create it before wiring it.", source.Span);
            case BucketState.Elsewhere:
                var (_, region, account) = PushSources.ArnParts(target.QualifiedArn);
                return Diagnostic.Error(
                    DiagnosticCodes.BucketElsewhere,
                    $"The bucket {source.Bucket} cannot be used from the function's account {account} and Region {region} ({bucket.Problem}); "
                    + "S3 notifies functions of the bucket's own Region, and this tool wires buckets of the function's account only.",
                    source.Span);
        }

        // What stays on the bucket besides this configuration: every other one, except the one it replaces (ours by
        // id, or an identical one adopted) and this repository's configurations of this function that left the files
        // (removed before any write, with prune on; with prune off they stay and still count).
        var adopted = Adoptable(target, bucket, mine);
        var staying = bucket.Configuration.Entries
            .Where(e => e.Id != mine.Id && e != adopted && e.Element != "EventBridgeConfiguration")
            .Where(e => !(target.Prune && IsForFunction(e, target) && e.Id is { } id && id.StartsWith(OwnedPrefix(target.Owner), StringComparison.Ordinal) && !declaredIds.Contains(id)))
            .Select(e => (Name: $"{Describe(e)} '{e.Id}'", e.Events, e.FilterRules))
            .Concat(siblings.Select(s => (Name: $"the Lambda configuration of this function's other {source.Bucket} entry", s.Events, s.FilterRules)));
        foreach (var other in staying)
        {
            if (Overlap(mine.Events, mine.FilterRules, other.Events, other.FilterRules))
            {
                return Diagnostic.Error(
                    DiagnosticCodes.S3ConfigurationsOverlap,
                    $"The bucket {source.Bucket} already sends {string.Join(", ", other.Events)}{FilterNote(other.FilterRules)} to {other.Name}; "
                    + $"this entry's events {string.Join(", ", mine.Events)}{FilterNote(mine.FilterRules)} overlap them, and S3 refuses overlapping "
                    + "configurations. Narrow the prefix or suffix, or pick other event types.",
                    source.Span);
            }
        }

        return null;
    }

    private static string Describe(NotificationEntry entry) => entry.Element switch
    {
        "QueueConfiguration" => "the queue configuration",
        "TopicConfiguration" => "the topic configuration",
        NotificationEntry.LambdaElement => "the Lambda configuration",
        var other => "the " + other,
    };

    private static string FilterNote(IReadOnlyList<FilterRule> rules) =>
        rules.Count == 0 ? " (every key)" : " (" + string.Join(", ", rules.Select(r => $"{r.Name.ToLowerInvariant()} '{r.Value}'")) + ")";

    /// <summary>An identical configuration of another id (made by hand or by an earlier tool) pointing at this function: adopted, not duplicated.</summary>
    private static NotificationEntry? Adoptable(PlanTarget target, LiveBucket bucket, LambdaNotification wanted) =>
        bucket.Configuration.Entries.Any(e => e.Id == wanted.Id)
            ? null
            : bucket.Configuration.Entries.FirstOrDefault(e =>
                IsForFunction(e, target) && e.Id is { } id && !id.StartsWith(OwnedPrefix(target.Owner), StringComparison.Ordinal) && SameContent(e, wanted));

    private static PlannedChange Change(PlanTarget target, LiveBucket bucket, LambdaNotification wanted, string account, SourceSpan span)
    {
        var address = PushSources.BucketNotificationAddress(bucket.Bucket, wanted.Id);
        var existing = bucket.Configuration.Entries.FirstOrDefault(e => e.IsLambda && e.Id == wanted.Id);
        if (existing is not null && SameContent(existing, wanted))
        {
            return new PlannedChange(ChangeAction.NoOp, ResourceKind.BucketNotification, address, wanted.Id, null, [], [], span);
        }

        var adopted = existing is null ? Adoptable(target, bucket, wanted) : null;
        var before = existing ?? adopted;
        var operation = new PutBucketNotification(bucket.Bucket, account, bucket.Base, wanted, adopted?.Id);
        var fields = new List<FieldDiff>();
        AddField(fields, "Id", before?.Id, wanted.Id);
        AddField(fields, "LambdaFunctionArn", before?.Arn, wanted.LambdaFunctionArn);
        AddField(fields, "Events", before is null ? null : Events(before.Events), Events(wanted.Events));
        AddField(fields, "Filter", before is null ? null : FilterDisplay(before.FilterRules), FilterDisplay(wanted.FilterRules));
        var notes = new List<string>();
        if (adopted is not null)
        {
            notes.Add($"adopts the identical configuration '{adopted.Id}' under an id that names this repository, instead of adding a duplicate");
        }
        else if (existing is null)
        {
            notes.Add("added after its permission, which lets S3 invoke the function (S3 checks it when the configuration is written)");
        }

        notes.Add("every other configuration of the bucket is written back exactly as it is");
        return new PlannedChange(
            before is null ? ChangeAction.Create : ChangeAction.Update, ResourceKind.BucketNotification, address, before?.Id, operation, fields, notes, span);
    }

    private static void Undeclared(WiringPlanBuilder plan, PlanTarget target, LiveBucket bucket, NotificationEntry entry, string account, IEnumerable<LambdaNotification> wanted)
    {
        var id = entry.Id ?? string.Empty;
        var address = PushSources.BucketNotificationAddress(bucket.Bucket, id);
        var fields = new List<FieldDiff>
        {
            new("LambdaFunctionArn", CanonicalJson.Quote(entry.Arn!), null),
            new("Events", Events(entry.Events), null),
        };
        if (id.StartsWith(OwnedPrefix(target.Owner), StringComparison.Ordinal))
        {
            var removal = new PlannedChange(
                ChangeAction.Delete, ResourceKind.BucketNotification, address, id, new RemoveBucketNotification(bucket.Bucket, account, bucket.Base, id), fields,
                ["created by gitmoxi and no longer declared; prune is on"], null);
            if (target.Prune)
            {
                plan.Changes.Add(removal);
            }
            else
            {
                plan.Drift.Add(new DriftObservation(ResourceKind.BucketNotification, address, id, "created by gitmoxi and no longer declared; prune is off", fields));
            }

            return;
        }

        if (wanted.Any(w => SameContent(entry, w)))
        {
            return; // Adopted by a declared source: the Put replaces it.
        }

        var reason = id.StartsWith(StatementIds.OwnedPrefix, StringComparison.Ordinal)
            ? "created by gitmoxi for another repository; only that repository's plan removes it"
            : "not created by gitmoxi; never removed";
        plan.Drift.Add(new DriftObservation(ResourceKind.BucketNotification, address, id, reason, fields));
    }

    private static string Events(IEnumerable<string> events) => CanonicalJson.ForComparison(new JsonArray([.. events.Order(StringComparer.Ordinal).Select(e => (JsonNode)e)]))!;

    private static string? FilterDisplay(IReadOnlyList<FilterRule> rules) => rules.Count == 0
        ? null
        : CanonicalJson.ForComparison(new JsonArray([.. rules.OrderBy(r => r.Name.ToLowerInvariant(), StringComparer.Ordinal)
            .Select(r => (JsonNode)new JsonObject { ["Name"] = r.Name.ToLowerInvariant(), ["Value"] = r.Value })]));

    private static void AddField(List<FieldDiff> fields, string name, string? before, string? after)
    {
        var quotedBefore = before is null || name is "Events" or "Filter" ? before : CanonicalJson.Quote(before);
        var quotedAfter = after is null || name is "Events" or "Filter" ? after : CanonicalJson.Quote(after);
        if (quotedBefore != quotedAfter)
        {
            fields.Add(new FieldDiff(name, quotedBefore, quotedAfter));
        }
    }
}
