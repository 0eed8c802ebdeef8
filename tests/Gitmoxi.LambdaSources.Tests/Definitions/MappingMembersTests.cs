using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

[TestClass]
public sealed class MappingMembersTests
{
    [TestMethod]
    [DataRow("\"2024-05-01T12:00:00Z\"", "1714564800")]
    [DataRow("\"2024-05-01T14:00:00.5+02:00\"", "1714564800.5")]
    [DataRow("1714564800", "1714564800")]
    public async Task Timestamps_are_passed_on_as_epoch_seconds(string written, string sent)
    {
        using var tree = new TempTree().Write("k/k_lambdaeventsourcedef.json", $$"""
            {"PullEventSources": {"EventSourceMapping": {
              "EventSourceArn": "arn:aws:kinesis:us-east-1:123456789012:stream/clicks",
              "StartingPosition": "AT_TIMESTAMP", "StartingPositionTimestamp": {{written}}, "BatchSize": 1e2
            }
            }
            }
            """);

        var set = await tree.ReadAsync(defaultFunctionName: "clicks");

        var mapping = set.Functions.Single().EventSourceMappings.Single();
        Assert.AreEqual(EventSourceKind.Kinesis, mapping.Kind);
        Assert.AreEqual(sent, mapping.Members["StartingPositionTimestamp"]!.ToJsonString());
        Assert.AreEqual("100", mapping.Members["BatchSize"]!.ToJsonString());
    }

    [TestMethod]
    [DataRow("arn:aws:sqs:us-east-1:123456789012:q.fifo", nameof(EventSourceKind.Sqs), true)]
    [DataRow("arn:aws:sqs:us-east-1:123456789012:q", nameof(EventSourceKind.Sqs), false)]
    [DataRow("arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1714564800", nameof(EventSourceKind.Kinesis), false)]
    [DataRow("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/T/stream/2024-05-01T00:00:00.000", nameof(EventSourceKind.DynamoDbStream), false)]
    public async Task Kind_comes_from_the_arn_service(string arn, string kindName, bool fifo)
    {
        // The kind is named, not typed: the enum is internal to the engine and a test method's signature is public.
        var kind = Enum.Parse<EventSourceKind>(kindName);
        var startingPosition = kind == EventSourceKind.Sqs ? string.Empty : ", \"StartingPosition\": \"LATEST\"";
        using var tree = new TempTree().Write("q/q_lambdaeventsourcedef.json",
            "{\"PullEventSources\": {\"EventSourceMapping\": {\"EventSourceArn\": \"" + arn + "\"" + startingPosition + "}}}");

        var set = await tree.ReadAsync(defaultFunctionName: "f");

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        var mapping = set.Functions.Single().EventSourceMappings.Single();
        Assert.AreEqual((kind, fifo, arn), (mapping.Kind, Arns.IsFifoQueue(mapping.EventSourceArn), mapping.EventSourceArn));
    }

    [TestMethod]
    public async Task Lengths_and_counts_out_of_range_say_what_was_found_and_what_the_member_needs()
    {
        using var tree = new TempTree().Write("c/c_lambdaeventsourcedef.json", """
            {"PushEventSources": [{"Service": "scheduler.amazonaws.com", "Name": "n", "ScheduleExpression": "rate(1 hour)",
              "FlexibleTimeWindow": {"Mode": "OFF"}, "Target": {"RoleArn": "arn:aws:iam::123456789012:role/r", "Input": ""}}],
             "PullEventSources": {"EventSourceMapping": {
              "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q",
              "FunctionName": "",
              "Queues": ["a", "b"],
              "FunctionResponseTypes": ["ReportBatchItemFailures", "ReportBatchItemFailures"],
              "SelfManagedEventSource": {"Endpoints": {}}
            }}}
            """);

        var set = await tree.ReadAsync(defaultFunctionName: "f");

        Assert.AreEqual(
            """
            PushEventSources[0].Target.Input has 0 characters; it needs at least 1 characters.
            PullEventSources.EventSourceMapping.FunctionName has 0 characters; it needs 1 to 256 characters.
            PullEventSources.EventSourceMapping.Queues has 2 items; it needs exactly 1 item.
            PullEventSources.EventSourceMapping.FunctionResponseTypes has 2 items; it needs 0 to 1 items.
            PullEventSources.EventSourceMapping.SelfManagedEventSource.Endpoints has 0 entries; it needs 1 to 2 entries.
            """,
            string.Join("\n", set.Diagnostics.Where(d => d.Code == "GMX2005").Select(d => d.Message)));
    }
}
