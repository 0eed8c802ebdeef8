using System.Globalization;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.Reliability;

/// <summary>
/// The fleet (functions × SQS mapping, ELB target group, HTTP API route) applied under injected faults: throttling and
/// server errors, a hard failure halfway, lost answers to creates, and two applies racing. Every run must end in exactly
/// the desired state with no duplicate. CI runs a small seeded subset; <c>GITMOXI_RELIABILITY_FULL=1</c> runs the
/// issue's full numbers (20 seeds, 50 functions).
/// </summary>
[TestClass]
public sealed class FaultConvergenceEndToEndTests : EmulatorFixture<FaultConvergenceEndToEndTests>
{
    private static readonly bool Full = Environment.GetEnvironmentVariable("GITMOXI_RELIABILITY_FULL") == "1";
    private static readonly int Functions = Full ? 50 : 8;
    private static readonly int[] Seeds = Full ? [.. Enumerable.Range(1, 20)] : [7, 19];
    private static int? faultFreeCalls;
    private static int faultFreeWrites;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Twenty_percent_throttling_and_server_errors_converge_exactly_within_twice_the_fault_free_calls()
    {
        var baseline = await FaultFreeCallsAsync();
        var report = new List<string>();
        foreach (var seed in Seeds)
        {
            using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token);
            var faults = new FaultProfile(seed, 0.2, [FaultKind.Throttle, FaultKind.InternalError, FaultKind.Unavailable]);
            await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = faults }, Token);

            var outcome = await fleet.ApplyAsync(Token);

            var counts = await emulator.GetRequestCountsAsync(Token);
            await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
            Assert.IsTrue(outcome.Succeeded, $"seed {seed}:\n{Describe(outcome)}");
            AssertConverged(await fleet.DifferencesAsync(Token), seed);
            Assert.IsFalse((await fleet.PlanAsync(Token)).Plan.Totals.HasChanges, $"seed {seed}: a second plan still has changes");
            var calls = counts.Reads + counts.Writes;
            var faulted = counts.Faults.Sum(f => f.Count);
            report.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {calls} calls ({faulted} faulted), fault-free {baseline}, ratio {(double)calls / baseline:F2}"));
            Assert.IsGreaterThan(0, faulted, $"seed {seed}: no fault was injected");
            Assert.IsLessThanOrEqualTo(2 * baseline, calls, $"seed {seed}: {calls} calls against {baseline} without faults");
        }

        TestContext.WriteLine(string.Join("\n", report));
    }

    [TestMethod]
    public async Task A_hard_failure_after_half_the_writes_is_reported_change_by_change_and_a_rerun_converges_without_duplicates()
    {
        var baselineWrites = await FaultFreeWritesAsync();
        using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token);
        var hardFailure = new FaultProfile(0, 0, [FaultKind.Unavailable]) { FailAfter = baselineWrites / 2, WritesOnly = true };
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = hardFailure }, Token);

        var failed = await fleet.ApplyAsync(Token);

        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        var result = failed.Result!;
        Assert.IsFalse(failed.Succeeded, Describe(failed));
        var outcomes = result.Functions.SelectMany(f => f.Changes).GroupBy(c => c.Outcome).ToDictionary(g => g.Key, g => g.Count());
        Assert.IsGreaterThan(0, outcomes.GetValueOrDefault(ChangeOutcome.Succeeded), Describe(failed));
        Assert.IsGreaterThan(0, outcomes.GetValueOrDefault(ChangeOutcome.Failed), Describe(failed));
        Assert.IsGreaterThan(0, outcomes.GetValueOrDefault(ChangeOutcome.NotAttempted), Describe(failed));
        var live = await fleet.ReadAsync(Token);
        foreach (var function in result.Functions)
        {
            // Within a function: done changes, then at most one failure, then nothing attempted.
            var sequence = string.Concat(function.Changes.Select(c => c.Outcome switch
            {
                ChangeOutcome.Succeeded => 'S',
                ChangeOutcome.Failed => 'F',
                _ => 'N',
            }));
            StringAssert.Matches(sequence, new System.Text.RegularExpressions.Regex("^S*(FN*)?$"), Describe(failed));
            foreach (var change in function.Changes.Where(c => c.Outcome == ChangeOutcome.Failed))
            {
                StringAssert.Contains(change.Error, "ServiceUnavailable", Describe(failed));
                Assert.IsTrue(
                    result.Diagnostics.Any(d => d.IsError && d.Message.Contains(change.Change.Address, StringComparison.Ordinal)),
                    $"no error diagnostic for {change.Change.Address}");
            }

            AssertLiveMatchesReport(function, live);
        }

        var rerun = await fleet.ApplyAsync(Token);

        Assert.IsTrue(rerun.Succeeded, Describe(rerun));
        AssertConverged(await fleet.DifferencesAsync(Token), 0);
        TestContext.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
    }

    [TestMethod]
    public async Task Lost_answers_to_creates_are_reconciled_by_reading_and_never_duplicate_a_resource()
    {
        using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token);
        var lostAnswers = new FaultProfile(3, 0.5, [FaultKind.InternalError, FaultKind.ConnectionReset])
        {
            Operations = ["lambda:CreateEventSourceMapping", "lambda:AddPermission", "apigateway:CreateIntegration"],
            Phase = FaultPhase.AfterRequest,
        };
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = lostAnswers }, Token);

        var outcome = await fleet.ApplyAsync(Token);

        var counts = await emulator.GetRequestCountsAsync(Token);
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        Assert.IsGreaterThan(0, counts.Faults.Sum(f => f.Count));
        Assert.IsTrue(outcome.Succeeded, Describe(outcome));
        AssertConverged(await fleet.DifferencesAsync(Token), 3);
    }

    [TestMethod]
    public async Task Two_applies_of_the_same_repository_at_once_converge_with_no_duplicate()
    {
        var report = new List<string>();
        foreach (var seed in Seeds)
        {
            using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token);
            // Seeded latency on a third of the calls varies how the two runs interleave from seed to seed.
            var interleaving = new FaultProfile(seed, 0.3, [FaultKind.Latency]) { Latency = TimeSpan.Zero, Jitter = TimeSpan.FromMilliseconds(60) };
            await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = interleaving }, Token);

            var runs = await Task.WhenAll(fleet.ApplyAsync(Token), fleet.ApplyAsync(Token));

            await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
            AssertConverged(await fleet.DifferencesAsync(Token), seed);
            // The loser of each create adopts the winner's mapping (same owner tags, same settings): both runs succeed.
            Assert.IsTrue(runs.All(r => r.Succeeded), $"seed {seed}:\n{string.Join("\n", runs.Where(r => !r.Succeeded).Select(Describe))}");
            var again = await fleet.ApplyAsync(Token);
            Assert.IsTrue(again.Succeeded, $"seed {seed}:\n{Describe(again)}");
            Assert.IsFalse(again.Plan.Totals.HasChanges, $"seed {seed}: {PlanTextRenderer.Render(again.Plan)}");
            var failed = runs.Select(r => r.Result!.Functions.SelectMany(f => f.Changes).Count(c => c.Outcome == ChangeOutcome.Failed)).ToList();
            var errors = runs.SelectMany(r => r.Result!.Functions).SelectMany(f => f.Changes).Where(c => c.Outcome == ChangeOutcome.Failed)
                .Select(c => c.Error!.Split(" (", 2)[0]).Distinct(StringComparer.Ordinal);
            report.Add($"seed {seed}: converged; failed changes per run {failed[0]}/{failed[1]} ({string.Join("; ", errors)})");
        }

        TestContext.WriteLine(string.Join("\n", report));
    }

    private async Task<int> FaultFreeCallsAsync()
    {
        if (faultFreeCalls is null)
        {
            using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token);
            var outcome = await fleet.ApplyAsync(Token);
            var counts = await emulator.GetRequestCountsAsync(Token);
            Assert.IsTrue(outcome.Succeeded, Describe(outcome));
            AssertConverged(await fleet.DifferencesAsync(Token), 0);
            faultFreeCalls = counts.Reads + counts.Writes;
            faultFreeWrites = counts.Writes;
        }

        return faultFreeCalls.Value;
    }

    private async Task<int> FaultFreeWritesAsync()
    {
        await FaultFreeCallsAsync();
        return faultFreeWrites;
    }

    /// <summary>Each change the report calls done is live; each it calls failed or not attempted is not.</summary>
    private static void AssertLiveMatchesReport(FunctionResult function, LiveFleet live)
    {
        var name = function.Plan.FunctionName;
        var done = function.Changes.Where(c => c.Outcome == ChangeOutcome.Succeeded).GroupBy(c => c.Change.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.AreEqual(done.GetValueOrDefault(ResourceKind.EventSourceMapping), live.Mappings.GetValueOrDefault(name, []).Count, $"{name} mappings");
        Assert.AreEqual(done.GetValueOrDefault(ResourceKind.Permission), live.Statements.GetValueOrDefault(name, []).Count, $"{name} statements");
        Assert.AreEqual(done.GetValueOrDefault(ResourceKind.TargetRegistration), live.Registrations.GetValueOrDefault(name, []).Count, $"{name} registrations");
        Assert.AreEqual(done.GetValueOrDefault(ResourceKind.RouteIntegration), live.RouteFunctions.GetValueOrDefault(name, []).Count, $"{name} route");
    }

    private static void AssertConverged(List<string> differences, int seed) =>
        Assert.IsEmpty(differences, $"seed {seed}:\n{string.Join("\n", differences)}");

    private static string Describe(RunOutcome outcome) =>
        outcome.Result is { } result ? ApplyResultTextRenderer.Render(result) : PlanTextRenderer.Render(outcome.Plan);
}
