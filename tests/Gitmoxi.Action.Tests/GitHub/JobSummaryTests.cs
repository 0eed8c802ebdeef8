using System.Globalization;
using System.Text;
using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed class JobSummaryTests
{
    private static RunnerEnvironment SummaryAt(string file) =>
        new(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = file });

    [TestMethod]
    public void Appends_utf8_markdown_after_what_earlier_steps_wrote()
    {
        using var temp = new TempDirectory();
        var file = temp.File("step_summary_1", "# earlier\n");
        using var console = new StringWriter();

        var write = new JobSummary(SummaryAt(file), console).Append("## Plan — 1 to create\n");

        Assert.AreEqual("# earlier\n## Plan — 1 to create\n", File.ReadAllText(file));
        Assert.AreEqual(new SummaryWrite(24, 0), write);
        Assert.AreEqual("", console.ToString());
    }

    [TestMethod]
    public void Without_the_variable_the_summary_goes_to_the_console()
    {
        using var console = new StringWriter();

        var write = new JobSummary(new RunnerEnvironment([]), console).Append("## Plan\n");

        Assert.AreEqual("## Plan\n", console.ToString());
        Assert.IsTrue(write.Complete);
    }

    [TestMethod]
    public void Markdown_over_the_limit_is_cut_at_a_line_end_with_a_note()
    {
        using var temp = new TempDirectory();
        var file = temp.File("step_summary_1", new string('x', 99) + "\n");
        var markdown = string.Concat(Enumerable.Range(1, 40).Select(i => $"| row {i:00} |\n"));
        var note = "\n> **Summary truncated:** GitHub shows at most 1 MiB of summary per step; this one had 440 bytes. The full plan is in the step log.\n";

        var write = new JobSummary(SummaryAt(file), TextWriter.Null, limitBytes: 100 + (11 * 20) + 5 + note.Length).Append(markdown);

        var kept = string.Concat(Enumerable.Range(1, 20).Select(i => $"| row {i:00} |\n"));
        Assert.AreEqual(new string('x', 99) + "\n" + kept + note, File.ReadAllText(file));
        Assert.AreEqual(new SummaryWrite(220 + note.Length, 220), write);
    }

    [TestMethod]
    public void The_real_limit_is_one_mebibyte_in_total_and_never_exceeded()
    {
        using var temp = new TempDirectory();
        var file = temp.File("step_summary_1", "# earlier\n");
        var row = "| ünïcödé 😀 " + new string('y', 100) + " |\n";
        var markdown = string.Concat(Enumerable.Repeat(row, 12_000));

        var write = new JobSummary(SummaryAt(file), TextWriter.Null).Append(markdown);

        var length = new FileInfo(file).Length;
        var rowBytes = Encoding.UTF8.GetByteCount(row);
        var text = File.ReadAllText(file, Encoding.UTF8);
        var noteStart = text.IndexOf("\n> **Summary truncated:**", StringComparison.Ordinal);
        var kept = text["# earlier\n".Length..noteStart];
        Assert.IsLessThanOrEqualTo(JobSummary.GitHubLimitBytes, length);
        Assert.IsGreaterThan(JobSummary.GitHubLimitBytes - rowBytes - 200, length, "cut at most one row short of the limit");
        Assert.AreEqual(string.Concat(Enumerable.Repeat(row, kept.Length / row.Length)), kept);
        StringAssert.EndsWith(text, string.Create(CultureInfo.InvariantCulture, $"this one had {rowBytes * 12_000:N0} bytes. The full plan is in the step log.\n"));
        Assert.IsFalse(write.Complete);
    }

    [TestMethod]
    public void Nothing_is_written_when_not_even_the_note_fits()
    {
        using var temp = new TempDirectory();
        var file = temp.File("step_summary_1", new string('x', 100));

        var write = new JobSummary(SummaryAt(file), TextWriter.Null, limitBytes: 120).Append("## Plan\n" + new string('z', 50));

        Assert.AreEqual(new string('x', 100), File.ReadAllText(file));
        Assert.AreEqual(new SummaryWrite(0, 58), write);
    }

    [TestMethod]
    public void A_summary_file_that_is_not_there_fails_like_the_toolkit()
    {
        var error = Assert.ThrowsExactly<GitmoxiException>(() =>
            new JobSummary(SummaryAt("/nonexistent/step_summary_x"), TextWriter.Null).Append("x"));

        Assert.AreEqual("Unable to access summary file: '/nonexistent/step_summary_x'", error.Message);
    }
}
