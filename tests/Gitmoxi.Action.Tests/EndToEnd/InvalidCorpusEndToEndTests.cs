namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// The hostile part of the definition corpus (<c>tests/Gitmoxi.LambdaSources.Tests/Corpus/Definitions</c>) and a
/// generated 50 MB file through the real Action binary: each step fails with exit code 1 and an <c>::error</c>
/// annotation carrying the expected code, never crashes, and sends nothing to AWS.
/// </summary>
[TestClass]
public sealed class InvalidCorpusEndToEndTests(TestContext testContext) : ActionRunnerFixture<InvalidCorpusEndToEndTests>
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    [DataRow("empty", "GMX1007")]
    [DataRow("truncated", "GMX1007")]
    [DataRow("utf16", "GMX1005")]
    [DataRow("invalid-utf8", "GMX1006")]
    [DataRow("too-deep", "GMX1008")]
    [DataRow("huge-string", "GMX2005")]
    [DataRow("top-level-array", "GMX2002")]
    [DataRow("arn-with-newline", "GMX2008")]
    [DataRow("cross-partition-arn", "GMX2008")]
    public async Task A_hostile_corpus_file_fails_the_step_with_its_code_and_no_aws_call(string name, string code)
    {
        var file = $"{name}_lambdaeventsourcedef.json";
        var target = Path.Combine(runner.Workspace, "corpus", name, file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(ActionBinary.RepositoryRoot(), "tests", "Gitmoxi.LambdaSources.Tests", "Corpus", "Definitions", file), target);

        await AssertRefusedAsync($"corpus/{name}/{file}", code);
    }

    [TestMethod]
    public async Task A_fifty_megabyte_definition_fails_the_step_without_a_crash()
    {
        var target = Path.Combine(runner.Workspace, "huge", "huge_lambdaeventsourcedef.json");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var writer = File.CreateText(target))
        {
            await writer.WriteAsync("{ \"PullEventSources\": { \"EventSourceMapping\": { \"EventSourceArn\": \"");
            await writer.WriteAsync(new string('x', 50 * 1024 * 1024));
            await writer.WriteAsync("\" } } }");
        }

        await AssertRefusedAsync("huge/huge_lambdaeventsourcedef.json", "GMX1004");
    }

    private async Task AssertRefusedAsync(string path, string code)
    {
        var run = await runner.RunAsync("push", new Dictionary<string, string> { ["path"] = path, ["function-name"] = "CorpusFunction" }, SimulatedRunner.StaticCredentials(), Cancellation);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var annotations = run.Stdout.Split('\n').Where(l => l.StartsWith("::error ", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(annotations.Any(a => a.StartsWith($"::error title={code},", StringComparison.Ordinal)), run.ToString());
        Assert.DoesNotContain("Unhandled exception", run.Stderr, run.ToString());
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, "no stack trace");
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        Assert.AreEqual(0, counts.Reads + counts.Writes, string.Join(", ", counts.Operations));
    }
}
