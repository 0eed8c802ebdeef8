using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// AWS failing every write from some point on, seen from the workflow: the step exits 1, the summary and the
/// annotation name the change that failed with AWS's error, and a rerun after AWS recovers converges.
/// </summary>
[TestClass]
public sealed class ApplyFailureEndToEndTests(TestContext testContext) : ActionRunnerFixture<ApplyFailureEndToEndTests>
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task A_hard_failure_of_every_write_fails_the_step_with_the_aws_error_and_a_rerun_converges()
    {
        var hardFailure = FaultProfile.HardFailure(FaultKind.Unavailable, 0, "lambda:CreateEventSourceMapping");
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = hardFailure }, Cancellation);

        var failed = await RunAsync();

        Assert.AreEqual(1, failed.ExitCode, failed.ToString());
        var annotation = failed.Stdout.Split('\n').Single(l => l.StartsWith("::error title=GMX5001,", StringComparison.Ordinal));
        StringAssert.Contains(annotation, "event-source-mapping sqs:orders-queue", failed.Stdout);
        StringAssert.Contains(annotation, "ServiceUnavailable", failed.Stdout);
        StringAssert.Contains(failed.Summary, "**Apply failed:** 0 created, 0 updated, 0 replaced, 0 deleted; 1 failed, 0 not attempted.", failed.Summary);

        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);
        var rerun = await RunAsync();

        Assert.AreEqual(0, rerun.ExitCode, rerun.ToString());
        var mappings = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "orders:live"], Cancellation);
        Assert.HasCount(1, mappings!["EventSourceMappings"]!.AsArray());
    }

    private Task<ActionRun> RunAsync() =>
        runner.RunAsync("push", new Dictionary<string, string> { ["path"] = "examples/repository/orders" }, SimulatedRunner.StaticCredentials(), Cancellation);
}
