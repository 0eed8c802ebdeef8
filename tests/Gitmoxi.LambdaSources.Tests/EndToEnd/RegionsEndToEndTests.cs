using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// <c>environment.region</c> and <c>environment.account</c> of <c>_lambdadepdef.json</c> against the emulator (moto
/// serves every Region on one endpoint and takes the Region from the signing scope; its credentials are in the account
/// 123456789012): each group planned and applied in its own Region, observed with the AWS CLI per Region, and a group
/// declaring another account refused before any call that writes.
/// </summary>
[TestClass]
public sealed class RegionsEndToEndTests : EmulatorFixture<RegionsEndToEndTests>, IDisposable
{
    private const string OtherAccount = "111122223333";
    private const string LedgerDepDef = "ledger/ledger_lambdadepdef.json";
    private SeededWorld east = null!;
    private SeededWorld west = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        east = await emulator.SeedAsync(World("us-east-1", "orders"), Token);
        west = await emulator.SeedAsync(World("eu-west-1", "audit", "ledger"), Token);
        repo = CreateRepository(null);
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task A_group_declaring_another_account_is_refused_at_its_declaration_before_any_call_that_writes()
    {
        repo.Write(LedgerDepDef, $$"""
            {
              "alias": "live",
              "environment": { "region": "eu-west-1", "account": "{{OtherAccount}}" }
            }
            """);
        await emulator.ResetRequestCountsAsync(Token);

        var outcome = await repo.RunAsync(RunMode.Apply, Token);

        Assert.IsFalse(outcome.Succeeded);
        Assert.IsEmpty(outcome.Result!.Functions, "a plan with an error is not applied");
        var error = outcome.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.AccountMismatch, error.Code);
        Assert.AreEqual(
            $"environment.account is {OtherAccount}, but the run's credentials are in the account {Emulator.AccountId}, and no role is given for {OtherAccount} "
            + "(Action input account-roles, MSBuild property GitmoxiAccountRoles): nothing is changed.",
            error.Message);
        var line = File.ReadAllLines(Path.Combine(repo.Root, LedgerDepDef))[2];
        Assert.AreEqual(new SourceSpan(LedgerDepDef, 3, line.IndexOf($"\"{OtherAccount}\"", StringComparison.Ordinal) + 1), error.Span);

        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
        Assert.AreEqual(1, counts.Count("sts:GetCallerIdentity"));
        Assert.AreEqual(2, counts.Count("lambda:GetFunction"), "the two other groups were read; nothing of the refused one");
        Assert.AreEqual(0, await MappingCountAsync("us-east-1"));
        Assert.AreEqual(0, await MappingCountAsync("eu-west-1"));
    }

    [TestMethod]
    public async Task Each_group_is_planned_and_applied_in_its_declared_region_and_a_saved_plan_keeps_the_region()
    {
        repo.Write(LedgerDepDef, """{ "alias": "live", "environment": { "region": "eu-west-1", "account": "123456789012" } }""");
        var planFile = Path.Combine(repo.Root, "plan.json");

        var planned = await repo.RunAsync(RunMode.Plan, Token, planFile);
        var applied = await repo.RunAsync(RunMode.Apply, Token, planFile);

        Assert.IsTrue(applied.Succeeded, applied.RenderText());
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(planFile, Token))!["functions"]!.AsArray()
            .ToDictionary(f => (string)f!["functionName"]!, f => ((string?)f!["region"], (string?)f["account"]));
        Assert.AreEqual(("us-east-1", null), saved["orders"]);
        Assert.AreEqual(("eu-west-1", null), saved["audit"]);
        Assert.AreEqual(("eu-west-1", "123456789012"), saved["ledger"]);
        StringAssert.Contains(planned.RenderText(), "== Account 123456789012, Region us-east-1 ==\n\nFunction " + east.Functions["orders"].Aliases["live"]);
        StringAssert.Contains(planned.RenderText(), "== Account 123456789012, Region eu-west-1 ==\n\nFunction " + west.Functions["audit"].Aliases["live"]);

        // Observed per Region by the AWS CLI: each queue's mapping exists in its function's Region, and only there.
        static string Wired(SeededWorld world, string name) => world.Queues[$"{name}-queue"] + " -> " + world.Functions[name].Aliases["live"];
        Assert.AreEqual(Wired(east, "orders"), string.Join(", ", await MappingsAsync("us-east-1")));
        Assert.AreEqual(Wired(west, "audit") + ", " + Wired(west, "ledger"), string.Join(", ", await MappingsAsync("eu-west-1")));
        Assert.AreEqual(2, (await emulator.GetRequestCountsAsync(Token)).Count("sts:GetCallerIdentity"), "the account is read once per run: the plan run, the apply run");
    }

    [TestMethod]
    public async Task A_group_whose_account_the_host_gave_a_role_for_is_planned_with_that_roles_credentials()
    {
        repo.Dispose();
        repo = CreateRepository(AccountRoles.Parse($"{OtherAccount}=arn:aws:iam::{OtherAccount}:role/deployer", "account-roles"));
        repo.Write(LedgerDepDef, $$"""{ "alias": "live", "environment": { "region": "eu-west-1", "account": "{{OtherAccount}}" } }""");
        await emulator.ResetRequestCountsAsync(Token);

        var outcome = await repo.RunAsync(RunMode.Plan, Token);

        // ledger exists in the run's own account only: asked with the role's session, in 111122223333, it is not found.
        var error = outcome.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.FunctionNotFound, error.Code, error.Message);
        Assert.AreEqual("ledger/ledger_lambdaeventsourcedef.json", error.Span!.File);
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(1, counts.Count("sts:AssumeRole"));
        Assert.AreEqual(0, counts.Count("sts:GetCallerIdentity"), "a group with a role needs no account check");
        Assert.AreEqual(2, outcome.Plan.Functions.Count, "the groups in the run's own account are planned as usual");
    }

    private EngineHarness CreateRepository(AccountRoles? roles)
    {
        var repository = new EngineHarness(emulator, "octo/shop", roles);
        // orders: no environment, so the run's Region (us-east-1); audit and ledger declare eu-west-1.
        Group(repository, "orders", east, null);
        Group(repository, "audit", west, """{ "alias": "live", "environment": { "region": "eu-west-1" } }""");
        Group(repository, "ledger", west, null);
        return repository;
    }

    private static void Group(EngineHarness repository, string name, SeededWorld world, string? depDef)
    {
        repository.Write($"{name}/{name}_lambdadepdef.json", depDef ?? """{ "alias": "live" }""");
        repository.Write($"{name}/{name}_lambdaeventsourcedef.json", $$"""
            { "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{world.Queues[$"{name}-queue"]}}", "FunctionName": "{{name}}", "BatchSize": 10 } } }
            """);
    }

    private static JsonObject World(string region, params string[] functions) => new()
    {
        ["region"] = region,
        ["functions"] = new JsonArray([.. functions.Select(f => (JsonNode)new JsonObject { ["name"] = f, ["versions"] = 1, ["aliases"] = new JsonObject { ["live"] = "1" } })]),
        ["queues"] = new JsonArray([.. functions.Select(f => (JsonNode)JsonValue.Create($"{f}-queue"))]),
        ["streams"] = new JsonArray(),
        ["tables"] = new JsonArray(),
    };

    private async Task<List<string>> MappingsAsync(string region) =>
        [.. (await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--region", region], Token))!["EventSourceMappings"]!.AsArray()
            .Select(m => $"{(string)m!["EventSourceArn"]!} -> {(string)m["FunctionArn"]!}")
            .Order(StringComparer.Ordinal)];

    private async Task<int> MappingCountAsync(string region) => (await MappingsAsync(region)).Count;
}
