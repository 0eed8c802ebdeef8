using System.Security.Cryptography;

namespace Gitmoxi.LambdaSources.Providers.EventRuleTarget;

/// <summary>
/// Diffs one function's declared EventBridge rules against their live targets. Pure. The tool's target carries its
/// owner in its id: <c>gitmoxi-{repo hash}-{function digest}</c>, so it is found, updated in place (an alias move is
/// a new <c>Arn</c> on the same id) and removed by prune without touching any other target of the rule. The statement
/// <c>gitmoxi-events-{repo}-{rule digest}</c> names the rule, so a rule that left the files is still found for prune.
/// A target of this function that the tool did not create, with exactly the declared members, is adopted (left as
/// it is, never duplicated); one with other members is refused.
/// </summary>
internal static class RuleTargetDiff
{
    /// <summary>Targets per rule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).</summary>
    public const int MaxTargets = 5;

    /// <summary>The documented defaults of a target's <c>RetryPolicy</c> (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RetryPolicy.html).</summary>
    private static readonly JsonObject DefaultRetryPolicy = new() { ["MaximumRetryAttempts"] = 185, ["MaximumEventAgeInSeconds"] = 86400 };

    public static WiringPlan Plan(PlanTarget target, RuleTargetLive live, IReadOnlyList<OwnedStatement> owned)
    {
        var plan = new WiringPlanBuilder();
        var key = PushSources.QualifierKey(target.Function.Qualifier);
        var id = TargetId(target.Owner, target.UnqualifiedArn);
        foreach (var source in target.Function.PushSources.OfType<EventRulePushSource>())
        {
            var rule = live.Rules[RuleTargetLive.Key(source.EventBusName, source.Rule)];
            if (Problem(rule, source) is { } problem)
            {
                plan.Diagnostics.Add(problem);
                continue;
            }

            var sid = StatementIds.OfSource(StatementIds.EventsKind, target.Owner, rule.Arn!);
            plan.Declared.Add(sid);
            var change = Target(target, rule, source, id);
            if (change.Diagnostic is { } refused)
            {
                plan.Skipped.Add(sid);
                plan.Diagnostics.Add(refused);
                continue;
            }

            plan.Permissions.Add(new PermissionRequirement(key, sid, null, EventRulePushSource.Service, rule.Arn!, source.Span));
            plan.Changes.Add(change.Change!);
        }

        foreach (var statement in owned.Where(s => s.Id.Kind == StatementIds.EventsKind && !plan.Declared.Contains(s.Statement.Sid)))
        {
            var function = PushSources.QualifiedArn(target.UnqualifiedArn, PushSources.QualifierOf(statement.QualifierKey));
            if (statement.Statement.SourceArn is not { } arn || RuleOfArn(arn) is not { } name
                || !live.Rules.TryGetValue(RuleTargetLive.Key(name.Bus, name.Rule), out var rule)
                || rule.Targets.FirstOrDefault(t => t.Id == id && t.Arn == function) is null)
            {
                continue;
            }

            plan.AddUndeclared(target, statement, new PlannedChange(
                ChangeAction.Delete, ResourceKind.EventRuleTarget, Address(rule.EventBusName, rule.Name), id, new RemoveRuleTarget(rule.Name, rule.EventBusName, id),
                [new("Arn", CanonicalJson.Quote(function), null)], ["created by gitmoxi and no longer declared; prune is on"], null));
        }

        return plan.Build();
    }

    /// <summary><c>gitmoxi-{repo hash}-</c> + 16 hex digits of the SHA-256 of the unqualified function ARN: 33 characters of <c>[\.\-_A-Za-z0-9]</c>.</summary>
    public static string TargetId(OwnerIdentity owner, string unqualifiedFunctionArn) =>
        $"{StatementIds.OwnedPrefix}{owner.RepositoryHash}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(unqualifiedFunctionArn)))[..16].ToLowerInvariant()}";

    public static string Address(string bus, string rule) => $"rule-target events:{bus}/{rule}";

    /// <summary>The bus and name of a rule ARN: <c>rule/NAME</c> on the default bus, <c>rule/BUS/NAME</c> on a custom one.</summary>
    public static (string Bus, string Rule)? RuleOfArn(string arn)
    {
        var resource = arn.Split(':', 6) is { Length: 6 } parts && parts[2] == "events" ? parts[5].Split('/') : [];
        return resource switch
        {
            ["rule", var name] => (EventRulePushSource.DefaultBus, name),
            ["rule", var bus, var name] => (bus, name),
            _ => null,
        };
    }

    private static (PlannedChange? Change, Diagnostic? Diagnostic) Target(PlanTarget target, LiveRule rule, EventRulePushSource source, string id)
    {
        var wanted = target.QualifiedArn;
        var address = Address(rule.EventBusName, rule.Name);
        var put = new PutRuleTarget(rule.Name, rule.EventBusName, id, wanted, source.Members);
        if (rule.Targets.FirstOrDefault(t => t.Id == id) is { } ours)
        {
            var fields = Fields(ours, wanted, source.Members);
            return fields.Count == 0
                ? (new PlannedChange(ChangeAction.NoOp, ResourceKind.EventRuleTarget, address, id, null, [], [], source.Span), null)
                : (new PlannedChange(ChangeAction.Update, ResourceKind.EventRuleTarget, address, id, put, fields,
                    ["changed in place: PutTargets replaces the target of this id"], source.Span), null);
        }

        if (rule.Targets.FirstOrDefault(t => FunctionArns.Unqualified(t.Arn) == target.UnqualifiedArn) is { } other)
        {
            return Fields(other, wanted, source.Members).Count == 0
                ? (new PlannedChange(ChangeAction.NoOp, ResourceKind.EventRuleTarget, address, other.Id, null, [],
                    [$"the rule's target {other.Id} (not created by gitmoxi) already sends these events to the function: adopted as it is"], source.Span), null)
                : (null, Diagnostic.Error(
                    DiagnosticCodes.EventTargetForeign,
                    $"The rule {rule.Arn} already targets {other.Arn} with the id {other.Id}, which gitmoxi did not create, and other members than the file declares; "
                    + "gitmoxi never changes another tool's target, and a second target would invoke the function twice. Remove that target, or declare the same members.",
                    source.Span));
        }

        if (rule.Targets.Count >= MaxTargets)
        {
            return (null, Diagnostic.Error(
                DiagnosticCodes.EventRuleTargetsFull,
                $"The rule {rule.Arn} has {rule.Targets.Count} targets ({string.Join(", ", rule.Targets.Select(t => t.Id))}); EventBridge allows {MaxTargets} per rule. "
                + "Remove one, or put the function on another rule.",
                source.Span));
        }

        var created = new List<FieldDiff> { new("Arn", null, CanonicalJson.Quote(wanted)) };
        created.AddRange(source.Members.Select(m => new FieldDiff(m.Key, null, CanonicalJson.ForDisplay(m.Value))));
        return (new PlannedChange(ChangeAction.Create, ResourceKind.EventRuleTarget, address, null, put, created,
            [$"target id {id}; put after its permission, which lets EventBridge invoke the function"], source.Span), null);
    }

    /// <summary>What differs between a live target and the declared one, after AWS's defaults.</summary>
    private static List<FieldDiff> Fields(LiveTarget live, string arn, JsonObject declared)
    {
        var fields = new List<FieldDiff>();
        if (live.Arn != arn)
        {
            fields.Add(new FieldDiff("Arn", CanonicalJson.Quote(live.Arn), CanonicalJson.Quote(arn)));
        }

        foreach (var name in EventRulePushSource.TargetMembers)
        {
            var before = Effective(name, live.Members[name]);
            var after = Effective(name, declared[name]);
            if (before != after)
            {
                fields.Add(new FieldDiff(name, before, after, AfterIsDefault: declared[name] is null));
            }
        }

        return fields;
    }

    /// <summary>A member as EventBridge applies it: <c>Input</c> as the JSON it holds, <c>RetryPolicy</c> with its defaults filled in.</summary>
    private static string? Effective(string name, JsonNode? value)
    {
        if (name == "RetryPolicy")
        {
            var policy = DefaultRetryPolicy.DeepClone().AsObject();
            foreach (var (member, set) in value as JsonObject ?? [])
            {
                policy[member] = set?.DeepClone();
            }

            return CanonicalJson.ForComparison(policy);
        }

        if (name == "Input" && value is JsonValue input && input.TryGetValue<string>(out var text))
        {
            try
            {
                return CanonicalJson.ForComparison(JsonNode.Parse(text));
            }
            catch (JsonException)
            {
                return CanonicalJson.Quote(text);
            }
        }

        return CanonicalJson.ForComparison(value);
    }

    private static Diagnostic? Problem(LiveRule rule, EventRulePushSource source)
    {
        if (!rule.BusExists)
        {
            return Diagnostic.Error(DiagnosticCodes.EventBusNotFound,
                $"The event bus '{source.EventBusName}' does not exist, so neither does its rule '{source.Rule}': create the bus and the rule before targeting the function.",
                source.Span);
        }

        if (!rule.Exists || rule.Arn is null)
        {
            return Diagnostic.Error(DiagnosticCodes.EventRuleNotFound,
                $"The rule '{source.Rule}' does not exist on the event bus '{source.EventBusName}': create it (its event pattern or schedule is not this file's) before targeting the function.",
                source.Span);
        }

        return rule.ManagedBy is { } service
            ? Diagnostic.Error(DiagnosticCodes.EventRuleManaged,
                $"The rule {rule.Arn} is managed by {service}; only that service changes its targets.", source.Span)
            : null;
    }
}
