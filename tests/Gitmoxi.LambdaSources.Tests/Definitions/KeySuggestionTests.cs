using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

[TestClass]
public sealed class KeySuggestionTests
{
    private static readonly string[] Known = ["BatchSize", "Enabled", "EventSourceArn", "StartingPosition", "Topics"];

    [TestMethod]
    [DataRow("batchsize", "BatchSize")]
    [DataRow("BATCHSIZE", "BatchSize")]
    [DataRow("BatchSzie", "BatchSize")]
    [DataRow("EventSourceARN", "EventSourceArn")]
    [DataRow("Enable", "Enabled")]
    [DataRow("Topic", "Topics")]
    [DataRow("StartingPositon", "StartingPosition")]
    public void Suggests_case_slips_and_small_typos(string unknown, string expected) =>
        Assert.AreEqual(expected, KeySuggestion.Find(unknown, Known));

    [TestMethod]
    [DataRow("Filters")]
    [DataRow("Size")]
    [DataRow("StartPosition")]
    [DataRow("")]
    public void Suggests_nothing_for_unrelated_keys(string unknown) =>
        Assert.IsNull(KeySuggestion.Find(unknown, Known));

    [TestMethod]
    public async Task Misspelt_keys_get_a_did_you_mean_at_every_level()
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", """
            {"PullEventSources": {"EventSourceMapping": {
              "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q",
              "ScalingConfig": {"MaxConcurrency": 5},
              "destinationConfig": {}
            }},
             "PushEventSource": []}
            """);

        var set = await tree.ReadAsync(defaultFunctionName: "f");

        Assert.AreEqual(
            """
            Unknown key 'MaxConcurrency' in PullEventSources.EventSourceMapping.ScalingConfig; expected one of: MaximumConcurrency.
            Unknown key 'destinationConfig' in PullEventSources.EventSourceMapping; did you mean 'DestinationConfig'?
            Unknown key 'PushEventSource' in the top level; did you mean 'PushEventSources'?
            """,
            string.Join("\n", set.Diagnostics.Select(d => d.Message)));
    }
}
