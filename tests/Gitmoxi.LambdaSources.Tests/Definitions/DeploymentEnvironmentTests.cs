using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary><c>environment.region</c> and <c>environment.account</c> of <c>_lambdadepdef.json</c>: read with where they were written, checked as the other members are.</summary>
[TestClass]
public sealed class DeploymentEnvironmentTests
{
    private const string Mapping =
        """{"PullEventSources": {"EventSourceMapping": {"EventSourceArn": "arn:aws:sqs:eu-west-1:123456789012:orders", "FunctionName": "orders"}}}""";

    [TestMethod]
    public async Task The_declared_region_and_account_are_read_with_the_place_of_each_value()
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping)
            .Write("a/a_lambdadepdef.json", """
                {
                  "alias": "live",
                  "environment": { "region": "eu-west-1", "account": "123456789012" }
                }
                """);

        var set = await tree.ReadAsync();

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.AreEqual(
            new DeploymentEnvironment("eu-west-1", new SourceSpan("a/a_lambdadepdef.json", 3, 30), "123456789012", new SourceSpan("a/a_lambdadepdef.json", 3, 54)),
            set.Functions.Single().Environment);
    }

    [TestMethod]
    public async Task A_group_without_an_environment_has_none_and_one_without_an_account_checks_none()
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping)
            .Write("a/a_lambdadepdef.json", """{ "alias": "live" }""")
            .Write("b/b_lambdaeventsourcedef.json", Mapping.Replace("orders", "billing", StringComparison.Ordinal))
            .Write("b/b_lambdadepdef.json", """{ "alias": "live", "environment": { "region": "us-gov-west-1" } }""");

        var set = await tree.ReadAsync();

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.IsNull(set.Functions[0].Environment);
        Assert.AreEqual(new DeploymentEnvironment("us-gov-west-1", new SourceSpan("b/b_lambdadepdef.json", 1, 47), null, null), set.Functions[1].Environment);
    }

    [TestMethod]
    [DataRow("""{ "region": "EU-WEST-1" }""", "a/a_lambdadepdef.json(1,47): error GMX2007")]
    [DataRow("""{ "region": "eu-west-1", "account": "12345678901" }""", "a/a_lambdadepdef.json(1,71): error GMX2005")]
    [DataRow("""{ "account": "12345678901x" }""", "a/a_lambdadepdef.json(1,48): error GMX2007")]
    [DataRow("""{ "acount": "123456789012" }""", "a/a_lambdadepdef.json(1,37): error GMX2001")]
    [DataRow("""{ "account": 123456789012 }""", "a/a_lambdadepdef.json(1,48): error GMX2002")]
    [DataRow("\"eu-west-1\"", "a/a_lambdadepdef.json(1,35): error GMX2002")]
    public async Task A_malformed_environment_is_an_error_at_the_value(string environment, string expected)
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping)
            .Write("a/a_lambdadepdef.json", $$"""{ "alias": "live", "environment": {{environment}} }""");

        var set = await tree.ReadAsync();

        Assert.AreEqual(expected, DiagnosticText.Codes(set));
        Assert.IsEmpty(set.Functions);
    }

    [TestMethod]
    public async Task An_environment_that_contradicts_the_function_arn_is_an_error_at_each_contradicting_value()
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", Mapping.Replace("\"orders\"", "\"arn:aws:lambda:us-east-1:123456789012:function:orders\"", StringComparison.Ordinal)
                .Replace("eu-west-1", "us-east-1", StringComparison.Ordinal))
            .Write("a/a_lambdadepdef.json", """{ "alias": "live", "environment": { "region": "eu-west-1", "account": "111122223333" } }""");

        var set = await tree.ReadAsync();

        Assert.AreEqual(
            "a/a_lambdadepdef.json(1,47): error GMX6115: environment.region is eu-west-1, but the function arn:aws:lambda:us-east-1:123456789012:function:orders is in us-east-1.\n"
            + "a/a_lambdadepdef.json(1,71): error GMX6115: environment.account is 111122223333, but the function arn:aws:lambda:us-east-1:123456789012:function:orders is in the account 123456789012.",
            string.Join('\n', set.Diagnostics.Select(d => $"{d.Span}: error {d.Code}: {d.Message}")));
        Assert.IsEmpty(set.Functions);
    }
}
