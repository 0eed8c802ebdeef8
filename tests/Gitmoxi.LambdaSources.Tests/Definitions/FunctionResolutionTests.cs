namespace Gitmoxi.LambdaSources.Tests.Definitions;

[TestClass]
public sealed class FunctionResolutionTests
{
    private const string Queue = "arn:aws:sqs:us-east-1:123456789012:orders";
    private const string GovCloudQueue = "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:orders";

    /// <summary>A mapping of the function to a queue of its partition (a mapping cannot cross partitions).</summary>
    private static string Mapping(string functionName) =>
        "{\"PullEventSources\": {\"EventSourceMapping\": {\"EventSourceArn\": \""
        + (functionName.StartsWith("arn:aws-us-gov:", StringComparison.Ordinal) ? GovCloudQueue : Queue)
        + "\", \"FunctionName\": \"" + functionName + "\"}}}";

    private const string PushOnly =
        """{"PushEventSources": [{"Service": "apigateway.amazonaws.com", "ApiId": "a1", "RouteId": "r1"}]}""";

    [TestMethod]
    [DataRow("orders", "orders", null)]
    [DataRow("orders:live", "orders", "live")]
    [DataRow("orders:7", "orders", "7")]
    [DataRow("orders:$LATEST", "orders", "$LATEST")]
    [DataRow("123456789012:function:orders", "123456789012:function:orders", null)]
    [DataRow("123456789012:function:orders:blue", "123456789012:function:orders", "blue")]
    [DataRow("arn:aws:lambda:us-east-1:123456789012:function:orders", "arn:aws:lambda:us-east-1:123456789012:function:orders", null)]
    [DataRow("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:orders:live", "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:orders", "live")]
    public async Task Function_names_in_every_documented_form_resolve_to_the_unqualified_function_and_its_qualifier(
        string written, string function, string? qualifier)
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", Mapping(written));

        var set = await tree.ReadAsync();

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.AreEqual(function, set.Functions.Single().FunctionName);
        Assert.AreEqual(qualifier, set.Functions.Single().Qualifier);
    }

    [TestMethod]
    [DataRow("my.function")]
    [DataRow("arn:aws:lambda:us-east-1:123456789012:function:")]
    [DataRow("arn:aws:s3:us-east-1:123456789012:function:orders")]
    [DataRow("orders:")]
    [DataRow("orders:a:b")]
    [DataRow("us-east-1:123456789012:function:orders")]
    public async Task Malformed_function_names_are_errors_at_the_value(string written)
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", Mapping(written));

        var set = await tree.ReadAsync(defaultFunctionName: "fallback");

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,125): error GMX2016", DiagnosticText.Codes(set));
    }

    [TestMethod]
    public async Task A_bare_name_of_sixty_five_characters_is_refused()
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", Mapping(new string('f', 65)));

        var set = await tree.ReadAsync();

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,125): error GMX2016", DiagnosticText.Codes(set));
    }

    [TestMethod]
    public async Task The_lambdadef_name_wins_over_the_mapping_and_the_host_default()
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping("arn:aws:lambda:us-east-1:123456789012:function:orders"))
            .Write("a/a_lambdadef.json", """{"FunctionName": "orders", "MemorySize": 512}""");

        var set = await tree.ReadAsync(defaultFunctionName: "other");

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.AreEqual("orders", set.Functions.Single().FunctionName);
    }

    [TestMethod]
    public async Task The_host_default_names_the_function_when_no_file_does()
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", PushOnly);

        var set = await tree.ReadAsync(defaultFunctionName: "orders:live");

        Assert.AreEqual("orders", set.Functions.Single().FunctionName);
        Assert.AreEqual("live", set.Functions.Single().Qualifier);
    }

    [TestMethod]
    public async Task No_function_anywhere_is_an_error_at_the_definition()
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", PushOnly);

        var set = await tree.ReadAsync();

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,1): error GMX3030", DiagnosticText.Codes(set));
        Assert.AreEqual(0, set.Functions.Count);
    }

    [TestMethod]
    public async Task The_alias_comes_from_the_depdef_then_the_host_then_the_function_name()
    {
        using var depdef = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping("orders"))
            .Write("a/a_lambdadepdef.json", """{"alias": "live", "readinessCheck": {"waitInterval": 10, "maxRetries": 5}}""");
        using var host = new TempTree().Write("a/a_lambdaeventsourcedef.json", Mapping("orders"));
        using var written = new TempTree().Write("a/a_lambdaeventsourcedef.json", Mapping("orders:blue"));

        Assert.AreEqual("live", (await depdef.ReadAsync(defaultAlias: "host")).Functions.Single().Qualifier);
        Assert.AreEqual("host", (await host.ReadAsync(defaultAlias: "host")).Functions.Single().Qualifier);
        Assert.AreEqual("blue", (await written.ReadAsync()).Functions.Single().Qualifier);
    }

    [TestMethod]
    public async Task A_host_alias_that_overrides_a_written_qualifier_is_a_warning()
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", Mapping("orders:blue"));

        var set = await tree.ReadAsync(defaultAlias: "green");

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,125): warning GMX3033", DiagnosticText.Codes(set));
        Assert.AreEqual("green", set.Functions.Single().Qualifier);
    }

    [TestMethod]
    public async Task Invalid_aliases_are_errors()
    {
        using var depdef = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping("orders"))
            .Write("a/a_lambdadepdef.json", """{"alias": "live alias"}""");
        using var host = new TempTree().Write("a/a_lambdaeventsourcedef.json", Mapping("orders"));

        Assert.AreEqual("a/a_lambdadepdef.json(1,11): error GMX2017", DiagnosticText.Codes(await depdef.ReadAsync()));
        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,1): error GMX2017", DiagnosticText.Codes(await host.ReadAsync(defaultAlias: "a/b")));
    }

    [TestMethod]
    public async Task Names_and_arns_of_one_function_agree_but_different_accounts_conflict()
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping("arn:aws:lambda:us-east-1:111111111111:function:orders"))
            .Write("a/a_lambdadef.json", """{"FunctionName": "222222222222:function:orders"}""");

        var set = await tree.ReadAsync();

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(1,125): error GMX3031", DiagnosticText.Codes(set));
    }

    [TestMethod]
    public async Task The_same_function_in_two_groups_is_an_error_at_the_second()
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping("orders"))
            .Write("b/b_lambdaeventsourcedef.json", PushOnly)
            .Write("b/b_lambdadef.json", """{"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:orders"}""");

        var set = await tree.ReadAsync();

        Assert.AreEqual("b/b_lambdadef.json(1,18): error GMX3022", DiagnosticText.Codes(set));
        Assert.AreEqual("a/a_lambdaeventsourcedef.json", set.Functions.Single().DefinitionFile);
    }

    [TestMethod]
    public async Task A_target_group_in_another_region_than_the_function_arn_is_an_error()
    {
        using var tree = new TempTree().Write("a/a_lambdaeventsourcedef.json", """
            {"PushEventSources": [
              {"Service": "elasticloadbalancing.amazonaws.com",
               "TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/orders/0123456789abcdef"}
            ]}
            """);

        var set = await tree.ReadAsync(defaultFunctionName: "arn:aws:lambda:us-east-1:123456789012:function:orders");

        Assert.AreEqual("a/a_lambdaeventsourcedef.json(2,3): error GMX3034", DiagnosticText.Codes(set));
    }
}
