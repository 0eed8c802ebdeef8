using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed class AnnotationWriterTests
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
}
