using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Schedule;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// EventBridge Scheduler schedules planned and applied end to end against the emulator, with the AWS CLI as the
/// independent observer of the schedules and of the function's resource policy (which schedules never need).
/// </summary>
[TestClass]
public sealed class ScheduleEndToEndTests : EmulatorFixture<ScheduleEndToEndTests>, IDisposable
{
    private const string File = "orders/orders_lambdaeventsourcedef.json";
    private const string Role = "arn:aws:iam::123456789012:role/scheduler-invoke";
    private SeededWorld world = null!;
    private EngineHarness repo = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    private string AliasArn(string alias) => world.Functions["orders"].Aliases[alias];

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""{ "functions": [ { "name": "orders", "versions": 2, "aliases": { "live": "1", "blue": "2" } } ] }""")!.AsObject(),
            Token);
        repo = new EngineHarness(emulator, "acme/orders");
        repo.Write("orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        Deploy("live");
    }

    public void Dispose() => repo?.Dispose();

    [TestMethod]
    public async Task A_schedule_is_created_updated_in_place_and_retargeted_by_an_alias_move_without_any_permission()
    {
        WriteSchedules(Schedule("every-5-min", "rate(5 minutes)"));

        var (created, _) = await ApplySucceedsAsync();

        AssertChanges(created, "Create schedule scheduler:default/every-5-min");
        var live = await GetScheduleAsync("default", "every-5-min");
        Assert.AreEqual(AliasArn("live"), (string?)live["Target"]!["Arn"]);
        Assert.AreEqual(Role, (string?)live["Target"]!["RoleArn"]);
        Assert.AreEqual("""{"source":"schedule"}""", (string?)live["Target"]!["Input"]);
        Assert.AreEqual("rate(5 minutes)", (string?)live["ScheduleExpression"]);
        Assert.AreEqual("OFF", (string?)live["FlexibleTimeWindow"]!["Mode"]);
        Assert.AreEqual(ScheduleDiff.Marker(repo.Owner), (string?)live["Description"]);
        // Scheduler invokes with the schedule's execution role: the function's resource policy stays empty.
        Assert.IsFalse((await emulator.RunAwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", "live"], Token)).Succeeded);

        await emulator.ResetRequestCountsAsync(Token);
        var (again, _) = await ApplySucceedsAsync();
        Assert.IsFalse(again.Totals.HasChanges, Text(again));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));

        WriteSchedules(Schedule("every-5-min", "rate(10 minutes)"));
        var (updated, _) = await ApplySucceedsAsync();
        AssertChanges(updated, "Update schedule scheduler:default/every-5-min");
        live = await GetScheduleAsync("default", "every-5-min");
        Assert.AreEqual("rate(10 minutes)", (string?)live["ScheduleExpression"]);
        Assert.AreEqual(Role, (string?)live["Target"]!["RoleArn"], "UpdateSchedule is a full replace: every member is sent again");
        Assert.AreEqual(ScheduleDiff.Marker(repo.Owner), (string?)live["Description"]);

        Deploy("blue");
        var (moved, _) = await ApplySucceedsAsync();
        AssertChanges(moved, "Update schedule scheduler:default/every-5-min");
        Assert.AreEqual(AliasArn("blue"), (string?)(await GetScheduleAsync("default", "every-5-min"))["Target"]!["Arn"]);
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task A_removed_schedule_is_drift_without_prune_and_deleted_with_prune_while_foreign_schedules_stay_untouched()
    {
        WriteSchedules(Schedule("nightly", "cron(0 2 * * ? *)"), Schedule("hourly", "rate(1 hour)"));
        await ApplySucceedsAsync();
        await emulator.AwsCliAsync(["scheduler", "create-schedule-group", "--name", "other"], Token);
        await CreateForeignAsync("other", "hourly", "rate(1 hour)", AliasArn("live"));
        await CreateForeignAsync("default", "hand-made", "rate(2 hours)", AliasArn("live"));
        var foreign = new[] { await GetScheduleAsync("other", "hourly"), await GetScheduleAsync("default", "hand-made") }.Select(s => s.ToJsonString()).ToList();
        WriteSchedules(Schedule("nightly", "cron(0 2 * * ? *)"));

        var drift = await repo.PlanAsync(Token);

        AssertChanges(drift, "NoOp schedule scheduler:default/nightly", "Drift schedule scheduler:default/hourly");
        Assert.AreEqual("created by gitmoxi and no longer declared; prune is off", drift.Functions.Single().Drift.Single().Reason);

        var (pruned, _) = await ApplySucceedsAsync(prune: true);

        AssertChanges(pruned, "Delete schedule scheduler:default/hourly", "NoOp schedule scheduler:default/nightly");
        Assert.IsFalse((await emulator.RunAwsCliAsync(["scheduler", "get-schedule", "--name", "hourly"], Token)).Succeeded);
        CollectionAssert.AreEqual(
            foreign,
            new[] { await GetScheduleAsync("other", "hourly"), await GetScheduleAsync("default", "hand-made") }.Select(s => s.ToJsonString()).ToList(),
            "a schedule of the same name in another group, and one without this repository's marker, are never pruned or changed");
        Assert.IsFalse((await repo.PlanAsync(Token, prune: true)).Totals.HasChanges);
    }

    [TestMethod]
    public async Task A_declared_schedule_made_elsewhere_is_refused_unless_identical_then_adopted()
    {
        await CreateForeignAsync("default", "every-5-min", "rate(7 minutes)", AliasArn("live"));
        WriteSchedules(Schedule("every-5-min", "rate(5 minutes)"));
        await emulator.ResetRequestCountsAsync(Token);

        var (refused, result) = await repo.ApplyAsync(Token);

        var error = refused.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual(DiagnosticCodes.ScheduleNotOwned, error.Code, Text(refused));
        StringAssert.Contains(error.Message, "differs in ScheduleExpression");
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
        Assert.AreEqual("rate(7 minutes)", (string?)(await GetScheduleAsync("default", "every-5-min"))["ScheduleExpression"]);

        WriteSchedules(Schedule("every-5-min", "rate(7 minutes)"));
        var (adopted, _) = await ApplySucceedsAsync();

        AssertChanges(adopted, "Update schedule scheduler:default/every-5-min");
        StringAssert.Contains(string.Join("\n", adopted.Functions.Single().Changes.Single().Notes), "adopts a schedule made outside this repository");
        Assert.AreEqual(ScheduleDiff.Marker(repo.Owner), (string?)(await GetScheduleAsync("default", "every-5-min"))["Description"]);
        Assert.IsFalse((await repo.PlanAsync(Token)).Totals.HasChanges);
    }

    [TestMethod]
    [DataRow("""rate(5 minuts)""", "GMX6250")]
    [DataRow("""cron(0 2 * * * *)""", "GMX6250")]
    [DataRow("""every(5 minutes)""", "GMX6250")]
    public async Task An_invalid_schedule_expression_fails_coded_without_any_write(string expression, string code)
    {
        WriteSchedules(Schedule("bad", expression));
        await emulator.ResetRequestCountsAsync(Token);

        var (plan, result) = await repo.ApplyAsync(Token);

        Assert.AreEqual(code, plan.Diagnostics.Single(d => d.IsError).Code, Text(plan));
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
    }

    [TestMethod]
    public async Task A_schedule_in_a_group_that_does_not_exist_fails_coded_without_any_write()
    {
        WriteSchedules(Schedule("nightly", "rate(1 day)", group: "batch"));
        await emulator.ResetRequestCountsAsync(Token);

        var (plan, result) = await repo.ApplyAsync(Token);

        Assert.AreEqual(DiagnosticCodes.ScheduleGroupNotFound, plan.Diagnostics.Single(d => d.IsError).Code, Text(plan));
        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Token)).Writes);
    }

    private static string Schedule(string name, string expression, string? group = null) => $$"""
        {
          "Service": "scheduler.amazonaws.com",
          "Name": "{{name}}",{{(group is null ? string.Empty : $"\n  \"GroupName\": \"{group}\",")}}
          "ScheduleExpression": "{{expression}}",
          "FlexibleTimeWindow": { "Mode": "OFF" },
          "Target": { "RoleArn": "{{Role}}", "Input": "{\"source\":\"schedule\"}" }
        }
        """;

    private void WriteSchedules(params string[] schedules) =>
        repo.Write(File, $$"""{ "PushEventSources": [ {{string.Join(",\n", schedules)}} ] }""");

    private void Deploy(string alias) => repo.Write("orders/orders_lambdadepdef.json", $$"""{ "alias": "{{alias}}" }""");

    private Task<JsonNode?> CreateForeignAsync(string group, string name, string expression, string targetArn) =>
        emulator.AwsCliAsync(
            ["scheduler", "create-schedule", "--group-name", group, "--name", name, "--schedule-expression", expression,
             "--flexible-time-window", """{"Mode":"OFF"}""",
             "--target", $$"""{"Arn":"{{targetArn}}","RoleArn":"{{Role}}","Input":"{\"source\":\"schedule\"}"}"""],
            Token);

    private async Task<JsonNode> GetScheduleAsync(string group, string name) =>
        (await emulator.AwsCliAsync(["scheduler", "get-schedule", "--group-name", group, "--name", name], Token))!;

    private async Task<(Plan Plan, ApplyResult Result)> ApplySucceedsAsync(bool prune = false)
    {
        var (plan, result) = await repo.ApplyAsync(Token, prune);
        Assert.IsFalse(plan.HasErrors, Text(plan));
        Assert.IsTrue(result.Succeeded, ApplyResultTextRenderer.Render(result));
        return (plan, result);
    }

    private static void AssertChanges(Plan plan, params string[] expected) => CollectionAssert.AreEqual(expected, Changes(plan), Text(plan));

    private static string[] Changes(Plan plan) =>
        [.. plan.Functions.Single().Changes.Select(c => $"{c.Action} {c.Address}"), .. plan.Functions.Single().Drift.Select(d => $"Drift {d.Address}")];

    private static string Text(Plan plan) => PlanTextRenderer.Render(plan);
}
