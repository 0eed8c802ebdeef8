using System.Text;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using Gitmoxi.LambdaSources.Providers.TargetRegistration;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>What the providers planned for one function: changes in apply order, drift, diagnostics.</summary>
internal sealed record Planned(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<DriftObservation> Drift, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>The live push-source state of one function, as values (what the readers would return).</summary>
/// <param name="Policies">By qualifier key (empty for the unqualified function): its statements.</param>
internal sealed record LivePushState(
    IReadOnlyDictionary<string, LiveTargetGroup> TargetGroups,
    IReadOnlyDictionary<string, LiveHttpApi> Apis,
    IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>> Policies,
    IReadOnlySet<string> MissingAliases);

/// <summary>Hand-built definitions and live wire JSON, and a one-screen text form of planned changes to compare whole.</summary>
internal static class PlanningFixtures
{
    public const string File = "orders/orders_lambdaeventsourcedef.json";
    public const string Repository = "octo/orders";
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
    public const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:orders-queue";
    public const string StreamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/orders-stream";

    /// <summary>The owner record every fixture function is planned as: this repository, the fixture file.</summary>
    public static readonly OwnerIdentity Owner = new(Repository, File);

    public static EventSourceMappingDefinition Declared(EventSourceKind kind, string members)
    {
        var json = JsonNode.Parse(members)!.AsObject();
        var spans = json.Select((member, i) => (member.Key, Span: new SourceSpan(File, i + 4, 7)))
            .ToDictionary(m => m.Key, m => m.Span);
        var arn = json["EventSourceArn"]?.GetValue<string>();
        return new EventSourceMappingDefinition(kind, arn, json, spans, new SourceSpan(File, 3, 5));
    }

    public static FunctionDefinition Function(params EventSourceMappingDefinition[] mappings) =>
        new("orders/orders", File, "orders", "live", [], mappings);

    public static LiveMapping Live(string configuration, IReadOnlyDictionary<string, string>? tags = null) =>
        new(JsonNode.Parse(configuration)!.AsObject(), tags ?? new Dictionary<string, string>());

    public static Dictionary<string, string> Owned(string file = File) => new(Ownership.Tags(new OwnerIdentity(Repository, file)));

    /// <summary>The mapping provider's plan alone (the function has no push source and prune reads no policy).</summary>
    public static Planned Plan(FunctionDefinition function, bool prune, params LiveMapping[] live) =>
        Planned(new PlanTarget(function, FunctionArn, Owner, prune), [new MappingLive(live)], null);

    /// <summary>Every provider's plan over live push-source state, as the planner makes it after its reads.</summary>
    public static Planned PlanPush(FunctionDefinition function, LivePushState live, bool prune = false)
    {
        var target = new PlanTarget(function, FunctionArn, Owner, prune);
        var stageAliases = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in function.PushSources.OfType<ApiGatewayPushSource>())
        {
            if (source.AliasStageVariableName is { } variable && live.Apis.TryGetValue(source.ApiId, out var api) && api.Exists)
            {
                stageAliases.UnionWith(RouteDiff.StageAliases(api, variable));
            }
        }

        IWiringLive[] lives =
        [
            new MappingLive([]),
            new RegistrationLive(live.TargetGroups, function.Qualifier, FunctionArns.Unqualified(FunctionArn)),
            new RouteLive(live.Apis, stageAliases, live.MissingAliases, FunctionArns.Unqualified(FunctionArn)),
        ];
        return Planned(target, lives, live.Policies);
    }

    public static string Describe(Planned planned) => Describe(planned.Changes) + DescribeDrift(planned.Drift);

    public static string Describe(IEnumerable<PlannedChange> changes)
    {
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            text.Append(change.Action).Append(' ').Append(change.Address);
            text.Append(change.LiveId is null ? "" : $" [{change.LiveId}]");
            text.Append(change.Span is null ? "" : $" @ {change.Span}").Append('\n');
            AppendFields(text, change.Fields);
            if (change.Operation is not null)
            {
                text.Append("  op: ").Append(PlanJson.SerializeOperation(change.Operation)).Append('\n');
            }

            foreach (var note in change.Notes)
            {
                text.Append("  note: ").Append(note).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string DescribeDrift(IEnumerable<DriftObservation> drift)
    {
        var text = new StringBuilder();
        foreach (var observation in drift)
        {
            text.Append("Drift ").Append(observation.Address).Append(observation.LiveId is null ? "" : $" [{observation.LiveId}]").Append('\n');
            AppendFields(text, observation.Fields);
            text.Append("  note: ").Append(observation.Reason).Append('\n');
        }

        return text.ToString();
    }

    private static void AppendFields(StringBuilder text, IEnumerable<FieldDiff> fields)
    {
        foreach (var field in fields)
        {
            text.Append("  ").Append(field.Field).Append(": ").Append(field.Before ?? "(absent)")
                .Append(" -> ").Append(field.After ?? "(absent)");
            text.Append(field.AfterIsDefault ? " (default)" : "").Append(field.ForcesReplacement ? " (forces replacement)" : "").Append('\n');
        }
    }

    private static Planned Planned(PlanTarget target, IReadOnlyList<IWiringLive> lives, IReadOnlyDictionary<string, IReadOnlyList<LiveStatement>>? policies)
    {
        var (plan, diagnostics) = Planner.Diff(target, lives, policies);
        return new Planned(plan?.Changes ?? [], plan?.Drift ?? [], diagnostics);
    }
}
