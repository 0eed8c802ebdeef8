using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>Hand-built definitions and live wire JSON, and a one-screen text form of planned changes to compare whole.</summary>
internal static class PlanningFixtures
{
    public const string File = "orders/orders_lambdaeventsourcedef.json";
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
    public const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:orders-queue";
    public const string StreamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/orders-stream";

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    public static Dictionary<string, string> Owned(string file = File) => new(Ownership.Tags(file));

    public static IReadOnlyList<PlannedChange> Plan(FunctionDefinition function, bool prune, params LiveMapping[] live) =>
        EventSourceMappingPlanner.Plan(function, FunctionArn, live, new PlanOptions(prune));

    public static string Describe(IEnumerable<PlannedChange> changes)
    {
        var text = new StringBuilder();
        foreach (var change in changes)
        {
            text.Append(change.Action).Append(' ').Append(change.Address);
            text.Append(change.LiveId is null ? "" : $" [{change.LiveId}]");
            text.Append(change.Span is null ? "" : $" @ {change.Span}").Append('\n');
            foreach (var field in change.Fields)
            {
                text.Append("  ").Append(field.Field).Append(": ").Append(field.Before ?? "(absent)")
                    .Append(" -> ").Append(field.After ?? "(absent)");
                text.Append(field.AfterIsDefault ? " (default)" : "").Append(field.ForcesReplacement ? " (forces replacement)" : "").Append('\n');
            }

            if (change.Desired is not null)
            {
                text.Append("  desired: ").Append(change.Desired.ToJsonString(Readable)).Append('\n');
            }

            foreach (var note in change.Notes)
            {
                text.Append("  note: ").Append(note).Append('\n');
            }
        }

        return text.ToString();
    }
}
