using System.Diagnostics;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// The step log while the Action works, read as the runner reads it, line by line as the process writes: a mapping
/// held in <c>Creating</c> by the emulator shows as wait lines inside the apply group before the step ends.
/// </summary>
[TestClass]
public sealed class ProgressEndToEndTests : ActionRunnerFixture<ProgressEndToEndTests>
{
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(6);

    private static readonly string[] Phases =
    [
        "::group::Reading definition files", "::endgroup::",
        "::group::Planning against live AWS state", "::endgroup::",
        "::group::Applying the plan", "::endgroup::",
    ];

    private CancellationToken Cancellation => TestContext.CancellationToken;

    [TestMethod]
    public async Task The_log_shows_the_wait_for_a_mapping_while_it_lasts_inside_the_apply_group()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Default with { StateTransitionDelay = Settling }, Cancellation);
        using var step = runner.Start(
            "push", new Dictionary<string, string> { ["path"] = "examples/repository/orders" }, SimulatedRunner.StaticCredentials());
        var stderr = step.Process.StandardError.ReadToEndAsync(Cancellation);
        var clock = Stopwatch.StartNew();
        var lines = new List<string>();
        string? firstWait = null;
        var exitedAtFirstWait = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (await step.Process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (firstWait is null && line.StartsWith("Waiting for event source mapping ", StringComparison.Ordinal))
            {
                firstWait = line;
                exitedAtFirstWait = step.Process.HasExited;
                TestContext.WriteLine($"First wait line after {clock.Elapsed.TotalSeconds:0.0}s: {line}");
            }
        }

        await step.Process.WaitForExitAsync(timeout.Token);
        var log = string.Join('\n', lines);
        Assert.AreEqual(0, step.Process.ExitCode, log + "\n" + await stderr);
        Assert.IsNotNull(firstWait, log);
        Assert.IsFalse(exitedAtFirstWait, "the wait line came only when the step had ended:\n" + log);
        StringAssert.Matches(firstWait, new System.Text.RegularExpressions.Regex(
            @"^Waiting for event source mapping [0-9a-f-]{36} to settle, state Creating \(\d+s of 300s\)$"));

        // The phases are groups, in order, none nested; the wait is inside the apply group, after the change started.
        var groups = lines.Where(l => l.StartsWith("::group::", StringComparison.Ordinal) || l == "::endgroup::").ToList();
        CollectionAssert.AreEqual(Phases, groups, log);
        var applyGroup = lines.IndexOf("::group::Applying the plan");
        var applying = lines.FindIndex(l => l.StartsWith("Applying + event-source-mapping ", StringComparison.Ordinal));
        var wait = lines.IndexOf(firstWait);
        var applied = lines.FindIndex(l => l.StartsWith("+ event-source-mapping ", StringComparison.Ordinal) && l.Contains(": created ", StringComparison.Ordinal));
        var endApply = lines.LastIndexOf("::endgroup::");
        Assert.IsTrue(applyGroup < applying && applying < wait && wait < applied && applied < endApply, log);
        CollectionAssert.Contains(lines, "Reading 1 definition file(s) under examples/repository/orders", log);
        CollectionAssert.Contains(lines, "Planned function orders:live (1 change(s), 0 drifted)", log);
    }
}
