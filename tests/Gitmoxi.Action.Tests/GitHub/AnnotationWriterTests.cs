using System.Text.RegularExpressions;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed partial class AnnotationWriterTests
{
    [TestMethod]
    public void Writes_at_most_ten_of_each_kind_and_returns_the_rest_in_order()
    {
        var diagnostics = Enumerable.Range(1, 12).Select(i => Diagnostic.Error($"GMX{i:0000}", $"error {i}"))
            .Concat(Enumerable.Range(1, 11).Select(i => Diagnostic.Warning($"GMX{100 + i}", $"warning {i}")))
            .ToList();
        using var output = new StringWriter();

        var overflow = new AnnotationWriter(new WorkflowCommands(output), "/ws").Write(diagnostics);

        var expected = string.Concat(Enumerable.Range(1, 10).Select(i => $"::error title=GMX{i:0000}::error {i}\n"))
            + string.Concat(Enumerable.Range(1, 10).Select(i => $"::warning title=GMX{100 + i}::warning {i}\n"));
        Assert.AreEqual(expected, output.ToString());
        Assert.AreEqual("GMX0011 GMX0012 GMX111", string.Join(' ', overflow.Select(d => d.Code)));
    }

    [TestMethod]
    public void Points_at_the_file_relative_to_the_workspace_with_line_and_column()
    {
        using var output = new StringWriter();
        Diagnostic[] diagnostics =
        [
            Diagnostic.Error("GMX2001", "Unknown key 'BatchSise'; did you mean 'BatchSize'?", new SourceSpan("/ws/orders/orders_lambdaeventsourcedef.json", 7, 5)),
            Diagnostic.Warning("GMX3002", "relative", new SourceSpan("billing/b_lambdaeventsourcedef.json", 1, 1)),
            Diagnostic.Warning("GMX3003", "outside", new SourceSpan("/elsewhere/x.json", 2, 3)),
        ];

        var overflow = new AnnotationWriter(new WorkflowCommands(output), "/ws").Write(diagnostics);

        Assert.AreEqual(
            "::error title=GMX2001,file=orders/orders_lambdaeventsourcedef.json,line=7,col=5::Unknown key 'BatchSise'; did you mean 'BatchSize'?\n"
            + "::warning title=GMX3002,file=billing/b_lambdaeventsourcedef.json,line=1,col=1::relative\n"
            + "::warning title=GMX3003,file=/elsewhere/x.json,line=2,col=3::outside\n",
            output.ToString());
        Assert.IsEmpty(overflow);
    }

    [TestMethod]
    public void A_message_over_the_runners_limit_is_cut_with_a_marker_keeping_code_title_and_location()
    {
        // Escaped characters count once, as the runner counts them after decoding.
        var message = "line one%\n" + string.Concat(Enumerable.Range(0, 700).Select(i => $"item {i:000}; "));
        using var output = new StringWriter();

        new AnnotationWriter(new WorkflowCommands(output), "/ws")
            .Write([Diagnostic.Error("GMX5001", message, new SourceSpan("/ws/orders/o_lambdaeventsourcedef.json", 3, 7))]);

        var line = output.ToString();
        StringAssert.StartsWith(line, "::error title=GMX5001,file=orders/o_lambdaeventsourcedef.json,line=3,col=7::line one%25%0Aitem 000; ");
        var decoded = RunnerDecode(line["::error title=GMX5001,file=orders/o_lambdaeventsourcedef.json,line=3,col=7::".Length..^1]);
        var marker = CutMarker().Match(decoded);
        Assert.IsTrue(marker.Success, decoded[^80..]);
        var kept = decoded[..marker.Index];
        Assert.IsLessThanOrEqualTo(WorkflowCommands.MessageLimit, decoded.Length);
        Assert.IsGreaterThan(WorkflowCommands.MessageLimit - 60, decoded.Length);
        StringAssert.StartsWith(message, kept);
        Assert.AreEqual(message.Length - kept.Length, int.Parse(marker.Groups["cut"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void A_cut_never_splits_a_surrogate_pair_and_a_message_at_the_limit_is_kept_whole()
    {
        var atLimit = new string('a', WorkflowCommands.MessageLimit);
        Assert.AreEqual(atLimit, WorkflowCommands.Fit(atLimit));

        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 3000));
        var cut = WorkflowCommands.Fit(emoji, "see the job summary");
        var kept = cut[..cut.IndexOf('…', StringComparison.Ordinal)];

        Assert.IsLessThanOrEqualTo(WorkflowCommands.MessageLimit, cut.Length);
        Assert.AreEqual(0, kept.Length % 2);
        Assert.IsFalse(char.IsHighSurrogate(kept[^1]));
        Assert.EndsWith($"… (cut: {emoji.Length - kept.Length} more characters; see the job summary)", cut);
    }

    [TestMethod]
    public void A_reserved_warning_slot_leaves_nine_warnings_annotated()
    {
        var warnings = Enumerable.Range(1, 10).Select(i => Diagnostic.Warning($"GMX{100 + i}", $"warning {i}")).ToList();
        using var output = new StringWriter();

        var overflow = new AnnotationWriter(new WorkflowCommands(output), "/ws").Write([Diagnostic.Error("GMX0001", "e"), .. warnings], reservedWarnings: 1);

        Assert.AreEqual(
            "::error title=GMX0001::e\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"::warning title=GMX{100 + i}::warning {i}\n")),
            output.ToString());
        Assert.AreEqual("GMX110", overflow.Single().Code);
    }

    /// <summary>The runner's <c>ActionCommand</c> unescaping of command data.</summary>
    private static string RunnerDecode(string data) =>
        data.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    [GeneratedRegex(@"… \(cut: (?<cut>\d+) more characters; see the job summary\)$")]
    private static partial Regex CutMarker();
}
