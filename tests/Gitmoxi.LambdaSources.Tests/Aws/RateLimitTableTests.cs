using System.Globalization;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Tests.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Aws;

/// <summary>One rate-limit table (<c>aws-rate-limits.json</c>) for the engine, the emulator's real-AWS profile and the benchmarks.</summary>
[TestClass]
public sealed class RateLimitTableTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Engine_paces_by_the_documented_table_in_its_order()
    {
        Assert.AreEqual(
            """
            lambda GetFunction except - 100/s burst 100
            lambda GetPolicy except - 15/s burst 15
            lambda * except Invoke* 15/s burst 15
            elasticloadbalancing Describe* except - 10/s burst 40
            elasticloadbalancing RegisterTargets except - 4/s burst 20
            elasticloadbalancing DeregisterTargets except - 4/s burst 20
            apigateway * except - 10/s burst 40
            sns * except Publish* 10/s burst 10
            events * except PutEvents 10/s burst 10
            logs DescribeSubscriptionFilters|PutSubscriptionFilter|DeleteSubscriptionFilter except - 5/s burst 5
            sts AssumeRole|DecodeAuthorizationMessage|GetAccessKeyInfo|GetCallerIdentity|GetFederationToken|GetSessionToken except - 600/s burst 600
            scheduler CreateSchedule|UpdateSchedule|DeleteSchedule|GetSchedule|ListSchedules except - 50/s burst 50
            scheduler * except - 10/s burst 10
            """,
            string.Join('\n', AwsRateLimits.Documented.Limits.Select(Line)));
        Assert.AreEqual(AwsRateLimits.Documented.For("lambda", "ListEventSourceMappings"), AwsRateLimits.Documented.Limits[2]);
        Assert.IsNull(AwsRateLimits.Documented.For("lambda", "Invoke"));
    }

    [TestMethod]
    public async Task Emulator_and_benchmarks_read_the_engines_table()
    {
        var tables = await Botocore.RunAsync(
            "rate_limit_tables.py",
            new JsonObject(),
            TestContext.CancellationToken,
            Path.Combine(AppContext.BaseDirectory, "emulator"),
            Path.GetDirectoryName(CorpusTests.RepositoryFile("Gitmoxi.Action.sln"))!);

        var engine = string.Join('\n', AwsRateLimits.Documented.Limits.Select(Line));
        Assert.AreEqual(engine, Lines(tables["emulator"]!), "emulator launcher");
        Assert.AreEqual(engine, Lines(tables["bench"]!), "benchmarks");
    }

    private static string Line(AwsRateLimit limit) => string.Create(
        CultureInfo.InvariantCulture,
        $"{limit.SigningName} {limit.Operations} except {(limit.Except.Length == 0 ? "-" : limit.Except)} {limit.RatePerSecond}/s burst {limit.Burst}");

    private static string Lines(JsonNode table) => string.Join('\n', table.AsArray().Select(limit => string.Create(
        CultureInfo.InvariantCulture,
        $"{limit!["service"]} {string.Join('|', limit["operations"]!.AsArray())} except {(limit["except"]!.AsArray().Count == 0 ? "-" : string.Join('|', limit["except"]!.AsArray()))} {(double)limit["rate"]!}/s burst {(int)limit["burst"]!}")));
}
