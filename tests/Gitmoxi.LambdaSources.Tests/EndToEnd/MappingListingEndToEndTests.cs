using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.LambdaSources.Tests.Aws;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// Issue 11 item 7: a run reads its functions' mappings through the account-wide list or per function (filtered by
/// the function and each of its versions and aliases), whichever <see cref="MappingListingRule"/> finds cheaper; both
/// give every function the same mappings, so prune, retargeting and drift do not depend on the choice.
/// </summary>
[TestClass]
public sealed class MappingListingEndToEndTests : EmulatorFixture<MappingListingEndToEndTests>, IDisposable
{
    private const string Mappings = "/2015-03-31/event-source-mappings/";
    private readonly HttpClient http = new();
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        repo = new EngineHarness(emulator);
    }

    public void Dispose()
    {
        repo?.Dispose();
        http.Dispose();
    }

    [TestMethod]
    public async Task Both_reads_give_a_function_its_mappings_on_every_qualifier_in_one_order_and_none_of_another_function()
    {
        var world = await SeedAsync(crowd: null);
        var orders = new Dictionary<string, string>
        {
            ["orders"] = await CreateMappingAsync("orders", world.Queues["q1"]),
            ["orders:live"] = await CreateMappingAsync("orders:live", world.Queues["q2"]),
            ["orders:beta"] = await CreateMappingAsync("orders:beta", world.Queues["q3"]),
            ["orders:1"] = await CreateMappingAsync("orders:1", world.Queues["q4"]),
            ["orders:$LATEST"] = await CreateMappingAsync("orders:$LATEST", world.Queues["q5"]),
        };
        var other = new[] { await CreateMappingAsync("other:live", world.Queues["q2"]), await CreateMappingAsync("other", world.Queues["q1"]) };
        var target = Target(world.Functions["orders"].Arn, "live");
        var otherTarget = Target(world.Functions["other"].Arn, "live");

        var accountWide = await ReadAsync(MappingListing.AccountWide, target, otherTarget);
        var byFunction = await ReadAsync(MappingListing.ByFunction, target, otherTarget);

        CollectionAssert.AreEquivalent(orders.Values.ToArray(), Uuids(accountWide[0]));
        CollectionAssert.AreEqual(Uuids(accountWide[0]), Uuids(byFunction[0]));
        Assert.AreEqual(accountWide[0].Fingerprint, byFunction[0].Fingerprint);
        CollectionAssert.AreEquivalent(other, Uuids(accountWide[1]));
        CollectionAssert.AreEqual(Uuids(accountWide[1]), Uuids(byFunction[1]));
    }

    [TestMethod]
    public async Task A_small_repository_in_a_large_account_is_listed_by_function_and_still_retargets_prunes_and_reports_drift_on_other_qualifiers()
    {
        // 11 × 100 other mappings: a 12-page account-wide list; one function with 5 qualifiers: 6 filtered lists.
        var world = await SeedAsync(crowd: new JsonObject { ["functions"] = 11, ["queues"] = 100 });
        WriteOrders("beta", world.Queues["q1"], world.Queues["q3"]);
        var (created, applied) = await repo.ApplyAsync(Token);
        Assert.IsTrue(applied.Succeeded, PlanText(created));
        var foreign = await CreateMappingAsync("orders:1", world.Queues["q4"]);
        await CreateMappingAsync("crowd-fn-00000", world.Queues["q1"]);
        WriteOrders("live", world.Queues["q1"]);
        await emulator.ResetRequestCountsAsync(Token);
        var log = new RecordingLogger();

        var plan = await PlanAsync(log);

        var function = plan.Functions.Single();
        Assert.AreEqual(
            "Delete event-source-mapping sqs:q3, Update event-source-mapping sqs:q1",
            string.Join(", ", function.Changes.Where(c => c.Kind == ResourceKind.EventSourceMapping).Select(c => $"{c.Action} {c.Address}")),
            PlanText(plan));
        var retarget = function.Changes.Single(c => c.Action == ChangeAction.Update).Fields.Single(f => f.Field == "FunctionName");
        Assert.AreEqual($"\"{world.Functions["orders"].Arn}:beta\" → \"{world.Functions["orders"].Arn}:live\"", $"{retarget.Before} → {retarget.After}");
        Assert.AreEqual(foreign, function.Drift.Single().LiveId, PlanText(plan));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(
            "ListEventSourceMappings=7 ListAliases=1 ListVersionsByFunction=1",
            $"ListEventSourceMappings={counts.Count("lambda:ListEventSourceMappings")} ListAliases={counts.Count("lambda:ListAliases")} ListVersionsByFunction={counts.Count("lambda:ListVersionsByFunction")}");
        Assert.AreEqual(
            "Information: Reading event source mappings through listing 1 function(s) by name (6 filtered list(s): each function and each of its versions and aliases): "
            + "the account-wide list goes past its first page of 100 mappings, and 6 filtered list(s) are few (at most 100)",
            log.Lines.Single(l => l.Contains("event source mappings", StringComparison.Ordinal)));

        // The account-wide list, read to its end, gives this function the same mappings and so the same plan.
        var definition = (await LambdaSourcesEngine.ReadAsync(".", new DefinitionOptions(repo.Root), Token)).Functions.Single();
        var target = new PlanTarget(definition, $"{world.Functions["orders"].Arn}:live", repo.Owner with { DefinitionPath = definition.DefinitionFile }, Prune: true);
        var lives = await Task.WhenAll(
            ReadAsync(MappingListing.AccountWide, target),
            ReadAsync(MappingListing.ByFunction, target));
        Assert.AreEqual(Describe(lives[0][0].Diff(target, [])), Describe(lives[1][0].Diff(target, [])));
        Assert.AreEqual(lives[0][0].Fingerprint, lives[1][0].Fingerprint);
    }

    [TestMethod]
    public async Task An_account_whose_mappings_fit_one_page_is_read_in_one_call_whatever_the_repository()
    {
        var world = await SeedAsync(crowd: new JsonObject { ["functions"] = 1, ["queues"] = 90 });
        WriteOrders("live", world.Queues["q1"]);
        await emulator.ResetRequestCountsAsync(Token);
        var log = new RecordingLogger();

        var plan = await PlanAsync(log);

        Assert.AreEqual(ChangeAction.Create, plan.Functions.Single().Changes.Single(c => c.Kind == ResourceKind.EventSourceMapping).Action, PlanText(plan));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual("1 0 0", $"{counts.Count("lambda:ListEventSourceMappings")} {counts.Count("lambda:ListAliases")} {counts.Count("lambda:ListVersionsByFunction")}");
        Assert.AreEqual(
            "Information: Reading event source mappings through the account-wide list (1 page(s), 90 mapping(s)): its first page is the whole list",
            log.Lines.Single(l => l.Contains("event source mappings", StringComparison.Ordinal)));
    }

    private async Task<SeededWorld> SeedAsync(JsonObject? crowd)
    {
        var world = new JsonObject
        {
            ["functions"] = JsonNode.Parse("""
                [ { "name": "orders", "versions": 2, "aliases": { "live": "1", "beta": "2" } },
                  { "name": "other", "versions": 1, "aliases": { "live": "1" } } ]
                """),
            ["queues"] = new JsonArray("q1", "q2", "q3", "q4", "q5"),
            ["streams"] = new JsonArray(),
            ["tables"] = new JsonArray(),
        };
        if (crowd is not null)
        {
            world["crowd"] = crowd;
        }

        return await emulator.SeedAsync(world, Token);
    }

    private async Task<string> CreateMappingAsync(string function, string queueArn)
    {
        var answer = await emulator.SendJsonAsync(
            "lambda", HttpMethod.Post, Mappings, new JsonObject { ["FunctionName"] = function, ["EventSourceArn"] = queueArn }, Token);
        Assert.AreEqual(202, answer.StatusCode, answer.Body);
        return (string)JsonNode.Parse(answer.Body)!["UUID"]!;
    }

    private void WriteOrders(string alias, params string[] queues)
    {
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        repo.Write("orders/orders_lambdadepdef.json", $$"""{ "alias": "{{alias}}" }""");
        var mappings = string.Join(", ", queues.Select(q => $$"""{ "EventSourceArn": "{{q}}", "FunctionName": "orders", "BatchSize": 10 }"""));
        repo.Write("orders/orders_lambdaeventsourcedef.json", $$"""{ "PullEventSources": { "EventSourceMapping": [ {{mappings}} ] } }""");
    }

    private async Task<Plan> PlanAsync(RecordingLogger log)
    {
        using var engine = LambdaSourcesEngine.Create(Settings(), new EngineOptions(Prune: true), log);
        var definitions = await LambdaSourcesEngine.ReadAsync(".", new DefinitionOptions(repo.Root), Token);
        return await engine.PlanAsync(definitions, Token);
    }

    private async Task<IWiringLive[]> ReadAsync(MappingListing listing, params PlanTarget[] targets)
    {
        var settings = Settings();
        var aws = AwsClients.Create(http, settings);
        var reader = new MappingReader(aws, [.. targets.Select(t => t.Function)], listing);
        return await Task.WhenAll(targets.Select(t => reader.ReadAsync(t, Token)));
    }

    private static AwsSettings Settings() =>
        new(Emulator.Region, new BasicAWSCredentials(Emulator.AccessKeyId, Emulator.SecretAccessKey)) { Endpoint = emulator.Endpoint };

    private static PlanTarget Target(string functionArn, string alias) =>
        new(new FunctionDefinition("p", "p/p_lambdaeventsourcedef.json", functionArn, alias, [], []), $"{functionArn}:{alias}", new OwnerIdentity("", "p/p_lambdaeventsourcedef.json"), Prune: false);

    private static string[] Uuids(IWiringLive live) =>
        [.. ((MappingLive)live).Mappings.Select(m => (string)m.Configuration["UUID"]!)];

    private static string Describe(WiringPlan plan) =>
        string.Join("\n", plan.Changes.Select(c => $"{c.Action} {c.Address} {c.LiveId} {string.Join(";", c.Fields.Select(f => $"{f.Field}:{f.Before}>{f.After}"))}"))
        + "\n" + string.Join("\n", plan.Drift.Select(d => $"{d.Address} {d.LiveId} {d.Reason}"));

    private static string PlanText(Plan plan) =>
        PlanTextRenderer.Render(plan) + string.Join("\n", plan.Diagnostics.Select(d => d.Message));
}
