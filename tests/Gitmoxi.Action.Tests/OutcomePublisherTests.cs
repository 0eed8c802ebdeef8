using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests;

[TestClass]
public sealed class OutcomePublisherTests
{
    private static readonly string[] Warnings = [.. Enumerable.Range(1, 10).Select(i => $"GMX{3000 + i}")];

    /// <summary>Publishes inside a GitHub step whose summary file already holds <paramref name="earlierSummary"/> bytes.</summary>
    private static (string Stdout, string Summary) Publish(ActionOutcome outcome, int earlierSummary)
    {
        using var workspace = new TempDirectory();
        var summaryFile = workspace.File("step_summary", new string('.', earlierSummary));
        var environment = new RunnerEnvironment(new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = workspace.Path,
            ["GITHUB_STEP_SUMMARY"] = summaryFile,
            ["GITHUB_OUTPUT"] = workspace.File("output"),
        });
        using var stdout = new StringWriter();
        using (var console = new ActionConsole(stdout, TextWriter.Null))
        {
            new OutcomePublisher(environment, workspace.Path, console, () => "id").Publish(outcome);
        }

        return (stdout.ToString(), File.ReadAllText(summaryFile)[earlierSummary..]);
    }

    private static readonly string PlanSummary = "## Plan\n\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"line {i}\n"));

    private static ActionOutcome TenWarnings() => new(
        PlanSummary,
        "",
        [.. Warnings.Select(code => Diagnostic.Warning(code, "w"))],
        new ActionOutputs(false, 0, 0, 0, 0, null),
        Succeeded: true);

    [TestMethod]
    public void A_cut_summary_keeps_one_of_the_ten_warning_annotations_for_saying_so()
    {
        // Room for the truncation note and about half of the plan's summary.
        var (stdout, summary) = Publish(TenWarnings(), (int)JobSummary.GitHubLimitBytes - 1500);

        var annotated = stdout.Split('\n').Where(l => l.StartsWith("::warning", StringComparison.Ordinal)).ToList();
        Assert.HasCount(10, annotated, stdout);
        CollectionAssert.AreEqual(Warnings[..9].Select(code => $"::warning title={code}::w").ToList(), annotated[..9]);
        StringAssert.StartsWith(annotated[9], "::warning::The job summary was cut to stay under GitHub's 1 MiB step limit: ");
        StringAssert.StartsWith(summary, "## Plan\n\nline 1\n");
        Assert.IsLessThan(PlanSummary.Length, summary.Length);
        StringAssert.Contains(summary, "**Summary truncated:**");
    }

    [TestMethod]
    public void A_whole_summary_annotates_all_ten_warnings()
    {
        var (stdout, summary) = Publish(TenWarnings(), 0);

        Assert.AreEqual(string.Concat(Warnings.Select(code => $"::warning title={code}::w\n")), stdout);
        Assert.AreEqual(PlanSummary, summary);
    }
}
