using Gitmoxi.LambdaSources.Aws.EventBridge.Model;

namespace Gitmoxi.LambdaSources.Providers.EventRuleTarget;

/// <summary>One target of a rule: its id, its <c>Arn</c>, and its other members by API name.</summary>
internal sealed record LiveTarget(string Id, string Arn, JsonObject Members);

/// <summary>One rule as <c>DescribeRule</c> and <c>ListTargetsByRule</c> show it.</summary>
/// <param name="BusExists">Whether the bus exists; read only when the rule does not.</param>
internal sealed record LiveRule(string EventBusName, string Name, bool Exists, bool BusExists, string? Arn, string? ManagedBy, IReadOnlyList<LiveTarget> Targets);

/// <summary>The rules one function's EventBridge sources (declared, or named by this repository's statements) refer to, by <c>{bus}/{rule}</c>.</summary>
internal sealed record RuleTargetLive(IReadOnlyDictionary<string, LiveRule> Rules, string UnqualifiedArn) : IWiringLive
{
    public IEnumerable<string> QualifierKeys => PushSources.QualifierKeysOf(Rules.Values.SelectMany(r => r.Targets).Select(t => t.Arn), UnqualifiedArn);

    public string Fingerprint => string.Join(
        "\n", Rules.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value.Exists} {r.Value.BusExists} {r.Value.Arn} {r.Value.ManagedBy} " + string.Join(
            ",", r.Value.Targets.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => $"{t.Id}={t.Arn}{CanonicalJson.ForComparison(t.Members)}"))));

    public static string Key(string bus, string rule) => bus + "/" + rule;

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => RuleTargetDiff.Plan(target, this, owned);
}

/// <summary>Reads each rule the run names once (<c>DescribeRule</c>, then every page of <c>ListTargetsByRule</c>); a bus only when its rule is missing.</summary>
internal sealed class RuleTargetReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<(string Bus, string Rule), LiveRule> rules = new((key, ct) => ReadRuleAsync(aws, key.Bus, key.Rule, ct));

    public Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken) =>
        ReadRulesAsync(new Dictionary<string, LiveRule>(), target.Function.PushSources.OfType<EventRulePushSource>().Select(s => (s.EventBusName, s.Rule)), target, cancellationToken);

    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        ReadRulesAsync(
            ((RuleTargetLive)live).Rules,
            owned.Where(s => s.Id.Kind == StatementIds.EventsKind && s.Statement.SourceArn is not null && PushSources.WithFunction(s.Statement.SourceArn, target.QualifiedArn))
                .Select(s => RuleTargetDiff.RuleOfArn(s.Statement.SourceArn!)).OfType<(string, string)>(),
            target,
            cancellationToken);

    private async Task<IWiringLive> ReadRulesAsync(
        IReadOnlyDictionary<string, LiveRule> known, IEnumerable<(string Bus, string Rule)> names, PlanTarget target, CancellationToken cancellationToken) =>
        new RuleTargetLive(await NamedResources.AddAsync(known, names, n => RuleTargetLive.Key(n.Bus, n.Rule), rules.GetAsync, cancellationToken), target.UnqualifiedArn);

    private static async Task<LiveRule> ReadRuleAsync(AwsClients aws, string bus, string name, CancellationToken cancellationToken)
    {
        DescribeRuleResponse rule;
        try
        {
            rule = await aws.Events.DescribeRuleAsync(new DescribeRuleRequest { Name = name, EventBusName = bus }, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // Which one is missing, the rule or its bus: only the bus can say.
            try
            {
                await aws.Events.DescribeEventBusAsync(new DescribeEventBusRequest { Name = bus }, cancellationToken);
                return new LiveRule(bus, name, false, true, null, null, []);
            }
            catch (ResourceNotFoundException)
            {
                return new LiveRule(bus, name, false, false, null, null, []);
            }
        }

        var targets = await PagedList.ReadAsync(
            (next, ct) => aws.Events.ListTargetsByRuleAsync(new ListTargetsByRuleRequest { Rule = name, EventBusName = bus, NextToken = next }, ct),
            page => (page.Targets, page.NextToken),
            cancellationToken);
        return new LiveRule(
            bus, name, true, true, rule.Arn, rule.ManagedBy, [.. targets.Where(t => t.Id is not null && t.Arn is not null).Select(t => new LiveTarget(t.Id!, t.Arn!, Members(t)))]);
    }

    private static JsonObject Members(Target target) =>
        new((target.Members ?? []).Select(m => KeyValuePair.Create(m.Key, JsonNode.Parse(m.Value.GetRawText()))));
}
