using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>The complete example of the user's own format description, as published.</summary>
[TestClass]
public sealed class SeedExampleTests
{
    // Verbatim from the seed (lambda-event-sources.txt), placeholders in angle brackets included.
    private const string SeedExample = """
        {
        "PushEventSources": [
        {
        "Service": "elasticloadbalancing.amazonaws.com",
        "TargetGroupArn": "<target-group-arn>"
        },
        {
        "Service": "apigateway.amazonaws.com",
        "ApiId": "<api-id>",
        "RouteId": "<api-route-id>",
        "AliasStageVariableName": "lambdaAlias"
        }
        ],
        "PullEventSources": {
        "EventSourceMapping": {
        "EventSourceArn": "<sqs-arn>",
        "FunctionName": "MyLambdaFunction",
        "BatchSize": 10,
        "MaximumBatchingWindowInSeconds": 60
        }
        }
        }
        """;

    private const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/0123456789abcdef";
    private const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:orders";

    [TestMethod]
    public async Task Seed_example_as_published_reports_only_its_angle_bracket_values()
    {
        using var tree = new TempTree().Write("orders/orders_lambdaeventsourcedef.json", SeedExample);

        var set = await tree.ReadAsync();

        Assert.AreEqual(
            """
            orders/orders_lambdaeventsourcedef.json(5,19): error GMX2008
            orders/orders_lambdaeventsourcedef.json(9,10): error GMX2007
            orders/orders_lambdaeventsourcedef.json(10,12): error GMX2007
            orders/orders_lambdaeventsourcedef.json(16,19): error GMX2008
            """,
            DiagnosticText.Codes(set));
        Assert.AreEqual(0, set.Functions.Count);
    }

    [TestMethod]
    public async Task Seed_example_with_real_values_from_the_input_file_gives_the_function()
    {
        var withPlaceholders = SeedExample
            .Replace("<target-group-arn>", "{{ target_group_arn }}", StringComparison.Ordinal)
            .Replace("<api-id>", "{{api_id}}", StringComparison.Ordinal)
            .Replace("<api-route-id>", "{{ route_id }}", StringComparison.Ordinal)
            .Replace("<sqs-arn>", "{{ queue_arn }}", StringComparison.Ordinal);
        using var tree = new TempTree()
            .Write("orders/orders_lambdaeventsourcedef.json", withPlaceholders)
            .Write("orders/orders_lambdainput.json", $$"""
                { "target_group_arn": "{{TargetGroupArn}}", "api_id": "a1b2c3d4e5", "route_id": "r7x9k2", "queue_arn": "{{QueueArn}}" }
                """);

        var set = await tree.ReadAsync();

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        var function = set.Functions.Single();
        Assert.AreEqual("orders/orders", function.Prefix);
        Assert.AreEqual("orders/orders_lambdaeventsourcedef.json", function.DefinitionFile);
        Assert.AreEqual("MyLambdaFunction", function.FunctionName);
        Assert.IsNull(function.Qualifier);
        var file = "orders/orders_lambdaeventsourcedef.json";
        CollectionAssert.AreEqual(
            new PushSource[]
            {
                new ElbPushSource(TargetGroupArn, new SourceSpan(file, 3, 1)),
                new ApiGatewayPushSource("a1b2c3d4e5", "r7x9k2", "lambdaAlias", new SourceSpan(file, 7, 1)),
            },
            function.PushSources.ToArray());
        var mapping = function.EventSourceMappings.Single();
        Assert.AreEqual(EventSourceKind.Sqs, mapping.Kind);
        Assert.AreEqual(QueueArn, mapping.EventSourceArn);
        Assert.IsFalse(Arns.IsFifoQueue(mapping.EventSourceArn));
        Assert.AreEqual(new SourceSpan(file, 15, 23), mapping.Span);
        Assert.AreEqual(
            $$"""{"EventSourceArn":"{{QueueArn}}","BatchSize":10,"MaximumBatchingWindowInSeconds":60}""",
            mapping.Members.ToJsonString());
        Assert.AreEqual(new SourceSpan(file, 18, 1), mapping.MemberSpans["BatchSize"]);
        Assert.IsFalse(mapping.MemberSpans.ContainsKey("FunctionName"));
        Assert.IsInstanceOfType<JsonValue>(mapping.Members["BatchSize"]);
    }
}
