using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// Lambda targets in every documented health state, end to end: a group no load balancer uses reports its targets
/// <c>unused</c> (reason <c>Target.NotInUse</c>) and one behind a listener <c>unavailable</c> (health checks off), as
/// the emulator answers like AWS (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html).
/// Either is a registration: it converges, moves with the alias and holds the group against another function.
/// </summary>
[TestClass]
public sealed class TargetHealthEndToEndTests : EmulatorFixture<TargetHealthEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private SeededWorld world = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    private string Unused => world.TargetGroups["orders-tg"].Arn;

    private string Served => world.TargetGroups["served-tg"].Arn;

    private string AliasArn(string function, string alias) => world.Functions[function].Aliases[alias];

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""
                {
                  "functions": [
                    { "name": "orders", "versions": 2, "aliases": { "live": "1", "blue": "2" } },
                    { "name": "payments", "versions": 1, "aliases": { "live": "1" } } ],
                  "targetGroups": [ { "name": "orders-tg" }, { "name": "served-tg", "loadBalancer": true } ]
                }
                """)!.AsObject(),
            Token);
        repo = new EngineHarness(emulator);
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        Deploy("live");
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    [DataRow("orders-tg", "unused", DisplayName = "no load balancer: unused")]
    [DataRow("served-tg", "unavailable", DisplayName = "behind a listener: unavailable")]
    public async Task A_registered_target_in_any_state_converges_and_the_second_plan_writes_nothing(string group, string state)
    {
        var arn = world.TargetGroups[group].Arn;
        Declare(arn);

        var (first, _) = await ApplySucceedsAsync();
        await emulator.ResetRequestCountsAsync(Token);
        var (second, rerun) = await repo.ApplyAsync(Token);

        Assert.AreEqual($"Create target-registration elb:{group}", Registrations(first).Single());
        CollectionAssert.AreEqual(new[] { $"{AliasArn("orders", "live")} {state}" }, await TargetsAsync(arn));
        Assert.IsFalse(second.Totals.HasChanges, PlanTextRenderer.Render(second));
        Assert.IsTrue(rerun.Succeeded, ApplyResultTextRenderer.Render(rerun));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    [TestMethod]
    public async Task An_alias_move_from_a_group_with_an_unused_target_leaves_only_the_new_alias_registered()
    {
        Declare(Unused);
        await ApplySucceedsAsync();
        Deploy("blue");

        var (plan, _) = await ApplySucceedsAsync();

        Assert.AreEqual("Update target-registration elb:orders-tg", Registrations(plan).Single(), PlanTextRenderer.Render(plan));
        CollectionAssert.AreEqual(new[] { $"{AliasArn("orders", "blue")} unused" }, await TargetsAsync(Unused));
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task Another_function_registered_in_the_unused_state_holds_the_group_and_is_refused_with_no_write()
    {
        var payments = AliasArn("payments", "live");
        await emulator.AwsCliAsync(
            ["lambda", "add-permission", "--function-name", "payments", "--qualifier", "live", "--statement-id", "elb",
             "--action", "lambda:InvokeFunction", "--principal", "elasticloadbalancing.amazonaws.com", "--source-arn", Unused],
            Token);
        await emulator.AwsCliAsync(["elbv2", "register-targets", "--target-group-arn", Unused, "--targets", $"Id={payments}"], Token);
        Declare(Unused);
        await emulator.ResetRequestCountsAsync(Token);

        var (plan, result) = await repo.ApplyAsync(Token);

        CollectionAssert.AreEqual(new[] { $"{payments} unused" }, await TargetsAsync(Unused));
        var error = plan.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.TargetGroupTaken, error.Code, PlanTextRenderer.Render(plan));
        StringAssert.Contains(error.Message, payments);
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
    }

    private void Deploy(string alias) => repo.Write("orders/orders_lambdadepdef.json", $$"""{ "alias": "{{alias}}" }""");

    private void Declare(string targetGroupArn) => repo.Write(
        File, $$"""{ "PushEventSources": [ { "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{targetGroupArn}}" } ] }""");

    private async Task<(Plan Plan, ApplyResult Result)> ApplySucceedsAsync()
    {
        var (plan, result) = await repo.ApplyAsync(Token);
        Assert.IsFalse(plan.HasErrors, PlanTextRenderer.Render(plan));
        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        return (plan, result);
    }

    private static string[] Registrations(Plan plan) =>
        [.. plan.Functions.Single().Changes.Where(c => c.Kind == ResourceKind.TargetRegistration).Select(c => $"{c.Action} {c.Address}")];

    /// <summary>Each target as the AWS CLI describes it: id and state.</summary>
    private async Task<string[]> TargetsAsync(string targetGroupArn)
    {
        var health = await emulator.AwsCliAsync(["elbv2", "describe-target-health", "--target-group-arn", targetGroupArn], Token);
        return [.. health!["TargetHealthDescriptions"]!.AsArray().Select(d => $"{(string)d!["Target"]!["Id"]!} {(string)d["TargetHealth"]!["State"]!}")];
    }
}
