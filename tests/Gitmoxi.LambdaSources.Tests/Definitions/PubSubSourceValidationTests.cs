using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>The file checks of SNS topic, EventBridge rule and CloudWatch Logs push sources: coded errors, with "did you mean" where a key is misspelt.</summary>
[TestClass]
public sealed class PubSubSourceValidationTests
{
    private const string Topic = "arn:aws:sns:us-east-1:123456789012:orders";

    [TestMethod]
    public async Task Valid_sns_and_rule_sources_are_read_with_their_native_members()
    {
        var set = await ReadAsync(
            $$$"""{"Service": "sns.amazonaws.com", "TopicArn": "{{{Topic}}}", "Attributes": {"FilterPolicy": "{\"type\": [\"order\"]}", "FilterPolicyScope": "MessageBody"}}""",
            """{"Service": "events.amazonaws.com", "Rule": "nightly", "EventBusName": "orders-bus", "InputTransformer": {"InputPathsMap": {"id": "$.id"}, "InputTemplate": "{\"id\": <id>}"}, "RetryPolicy": {"MaximumRetryAttempts": 3}}""");

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        var sources = set.Functions.Single().PushSources;
        var sns = (SnsPushSource)sources[0];
        Assert.AreEqual("FilterPolicy=" + """{"type": ["order"]}""" + ", FilterPolicyScope=MessageBody", string.Join(", ", sns.Attributes.Select(a => $"{a.Key}={a.Value}")));
        var rule = (EventRulePushSource)sources[1];
        Assert.AreEqual("orders-bus/nightly", $"{rule.EventBusName}/{rule.Rule}");
        Assert.IsTrue(
            JsonNode.DeepEquals(JsonNode.Parse("""{"InputTransformer":{"InputPathsMap":{"id":"$.id"},"InputTemplate":"{\"id\": <id>}"},"RetryPolicy":{"MaximumRetryAttempts":3}}"""), rule.Members),
            rule.Members.ToJsonString());
    }

    [TestMethod]
    public async Task Malformed_filter_policy_json_is_a_coded_error()
    {
        var set = await ReadAsync($$$"""{"Service": "sns.amazonaws.com", "TopicArn": "{{{Topic}}}", "Attributes": {"FilterPolicy": "{\"type\": [\"order\"]"}}""");

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,144): error GMX6222", DiagnosticText.Codes(set));
        StringAssert.Contains(set.Diagnostics.Single().Message, "PushEventSources[0].Attributes.FilterPolicy must be a JSON object written as a string");
    }

    [TestMethod]
    public async Task Attributes_of_other_protocols_and_misspelt_ones_are_refused_with_a_hint()
    {
        var set = await ReadAsync($$$"""{"Service": "sns.amazonaws.com", "TopicArn": "{{{Topic}}}", "Attributes": {"RawMessageDelivery": "true", "FilterPolicyScop": "MessageBody"}}""");

        Assert.AreEqual("GMX6223, GMX2001", string.Join(", ", set.Diagnostics.Select(d => d.Code)));
        StringAssert.Contains(set.Diagnostics[1].Message, "did you mean 'FilterPolicyScope'?");
    }

    [TestMethod]
    public async Task A_misspelt_service_gets_a_did_you_mean()
    {
        var set = await ReadAsync($$"""{"Service": "sns.amazonaws.co", "TopicArn": "{{Topic}}"}""");

        Assert.AreEqual(DiagnosticCodes.UnknownService, set.Diagnostics.Single().Code);
        StringAssert.EndsWith(set.Diagnostics.Single().Message, "did you mean 'sns.amazonaws.com'?");
    }

    [TestMethod]
    public async Task Rule_sources_refuse_two_inputs_malformed_input_and_a_filled_in_arn()
    {
        var set = await ReadAsync(
            """{"Service": "events.amazonaws.com", "Rule": "nightly", "Input": "{}", "InputPath": "$.detail"}""",
            """{"Service": "events.amazonaws.com", "Rule": "hourly", "Input": "{\"job\": "}""",
            """{"Service": "events.amazonaws.com", "Rule": "weekly", "Arn": "arn:aws:lambda:us-east-1:123456789012:function:orders", "Inputt": "{}"}""");

        Assert.AreEqual("GMX6235, GMX6236, GMX2001, GMX2001", string.Join(", ", set.Diagnostics.Select(d => d.Code)));
        StringAssert.Contains(set.Diagnostics[3].Message, "did you mean 'Input'?");
    }

    [TestMethod]
    public async Task The_same_topic_or_rule_twice_is_a_duplicate()
    {
        var set = await ReadAsync(
            $$"""{"Service": "sns.amazonaws.com", "TopicArn": "{{Topic}}"}""",
            $$"""{"Service": "sns.amazonaws.com", "TopicArn": "{{Topic}}"}""",
            """{"Service": "events.amazonaws.com", "Rule": "nightly"}""",
            """{"Service": "events.amazonaws.com", "Rule": "nightly", "EventBusName": "default"}""");

        Assert.AreEqual("GMX3020, GMX3020", string.Join(", ", set.Diagnostics.Select(d => d.Code)));
        StringAssert.Contains(set.Diagnostics[0].Message, "the same SNS topic");
        StringAssert.Contains(set.Diagnostics[1].Message, "the same EventBridge rule");
    }

    [TestMethod]
    public async Task Log_subscription_sources_need_their_three_members_and_get_a_hint_for_a_misspelt_one()
    {
        var set = await ReadAsync(
            """{"Service": "logs.amazonaws.com", "LogGroupName": "/app/orders", "FilterName": "errors", "FilterPattern": "ERROR"}""",
            """{"Service": "logs.amazonaws.com", "LogGroupName": "/app/orders", "FiltreName": "errors"}""");

        Assert.AreEqual("GMX2003, GMX2003, GMX2001", string.Join(", ", set.Diagnostics.Select(d => d.Code)));
        StringAssert.Contains(set.Diagnostics[2].Message, "did you mean 'FilterName'?");
    }

    private static async Task<DefinitionSet> ReadAsync(params string[] sources)
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", $$"""{"PushEventSources": [{{string.Join(", ", sources)}}]}""")
            .Write("a/a_lambdadef.json", """{"FunctionName": "orders"}""");
        return await tree.ReadAsync();
    }
}
