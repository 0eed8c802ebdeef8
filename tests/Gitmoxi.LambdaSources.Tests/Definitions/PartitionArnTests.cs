namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>Definitions in every AWS partition, including the ISO partitions and the EU sovereign cloud.</summary>
[TestClass]
public sealed class PartitionArnTests
{
    [TestMethod]
    [DataRow("aws", "us-east-1")]
    [DataRow("aws-cn", "cn-north-1")]
    [DataRow("aws-us-gov", "us-gov-west-1")]
    [DataRow("aws-iso", "us-iso-east-1")]
    [DataRow("aws-iso-b", "us-isob-east-1")]
    [DataRow("aws-iso-e", "eu-isoe-west-1")]
    [DataRow("aws-iso-f", "us-isof-south-1")]
    [DataRow("aws-eusc", "eusc-de-east-1")]
    public async Task Mappings_and_target_groups_of_every_partition_are_accepted(string partition, string region)
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", $$$"""
            {"PullEventSources": {"EventSourceMapping": {
               "EventSourceArn": "arn:{{{partition}}}:kinesis:{{{region}}}:123456789012:stream/orders",
               "StartingPosition": "LATEST",
               "FunctionName": "arn:{{{partition}}}:lambda:{{{region}}}:123456789012:function:orders:live",
               "DestinationConfig": {"OnFailure": {"Destination": "arn:{{{partition}}}:sqs:{{{region}}}:123456789012:dlq"}},
               "KMSKeyArn": "arn:{{{partition}}}:kms:{{{region}}}:123456789012:key/1"}},
             "PushEventSources": [
               {"Service": "elasticloadbalancing.amazonaws.com",
                "TargetGroupArn": "arn:{{{partition}}}:elasticloadbalancing:{{{region}}}:123456789012:targetgroup/orders/0123456789abcdef"}]}
            """);

        var set = await tree.ReadAsync();

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.AreEqual($"arn:{partition}:lambda:{region}:123456789012:function:orders", set.Functions.Single().FunctionName);
    }

    [TestMethod]
    [DataRow("aws", "us-iso-east-1")]
    [DataRow("aws-iso", "us-isob-east-1")]
    [DataRow("aws-iso-b", "us-iso-east-1")]
    [DataRow("aws", "eu-isoe-west-1")]
    [DataRow("aws-iso-f", "us-east-1")]
    [DataRow("aws", "eusc-de-east-1")]
    public async Task An_arn_whose_region_is_in_another_partition_is_refused(string partition, string region)
    {
        using var tree = new TempTree().Write(
            "a/a_lambdaeventsourcedef.json",
            "{\"PullEventSources\": {\"EventSourceMapping\": {\"EventSourceArn\": \"arn:" + partition + ":sqs:" + region
            + ":123456789012:orders\", \"FunctionName\": \"orders\"}}}");

        var set = await tree.ReadAsync();

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,64): error GMX2008", DiagnosticText.Codes(set));
    }
}
