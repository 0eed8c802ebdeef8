using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests;

[TestClass]
public sealed class ValidationReportTests
{
    private const string Workspace = "/github/workspace";

    private static FunctionDefinition Function(string name, string? qualifier, string file, int mappings) => new(
        file.Replace("_lambdaeventsourcedef.json", "", StringComparison.Ordinal),
        file,
        name,
        qualifier,
        [],
        [.. Enumerable.Range(0, mappings).Select(_ => new EventSourceMappingDefinition(
            EventSourceKind.Sqs, "arn:aws:sqs:us-east-1:123456789012:q", [], new Dictionary<string, SourceSpan>(), new SourceSpan(file, 3, 5)))]);

    [TestMethod]
    public void Lists_each_function_escaped_and_reports_no_changes()
    {
        var definitions = new DefinitionSet(
            [Function("orders", "live", "orders/orders_lambdaeventsourcedef.json", 2), Function("<b>x</b>", null, "x/x_lambdaeventsourcedef.json", 1)],
            [Diagnostic.Warning("GMX3001", "AlaisStageVariableName is misspelt", new SourceSpan("x/x_lambdaeventsourcedef.json", 4, 9))]);

        var outcome = ValidationReport.Create(definitions, Workspace);

        Assert.AreEqual(
            "## Lambda event sources: validation\n\n**Validated:** 2 function(s), 0 error(s), 1 warning(s); no AWS call was made.\n\n"
            + "| Function | Defined in | Event source mappings | Push sources |\n|---|---|---|---|\n"
            + "| orders:live | orders/orders\\_lambdaeventsourcedef.json | 2 | 0 |\n"
            + "| &lt;b&gt;x&lt;/b&gt; | x/x\\_lambdaeventsourcedef.json | 1 | 0 |\n"
            + "\n### Diagnostics\n\n| Severity | Code | Location | Message |\n|---|---|---|---|\n"
            + "| warning | GMX3001 | x/x\\_lambdaeventsourcedef.json\\(4,9\\) | AlaisStageVariableName is misspelt |\n",
            outcome.SummaryMarkdown);
        Assert.AreEqual(
            "Validated: 2 function(s), 0 error(s), 1 warning(s); no AWS call was made.\n"
            + "  orders:live (orders/orders_lambdaeventsourcedef.json): 2 event source mapping(s), 0 push source(s)\n"
            + "  <b>x</b> (x/x_lambdaeventsourcedef.json): 1 event source mapping(s), 0 push source(s)\n"
            + "x/x_lambdaeventsourcedef.json(4,9): warning GMX3001: AlaisStageVariableName is misspelt\n",
            outcome.ConsoleText);
        Assert.AreEqual(new ActionOutputs(false, 0, 0, 0, 0, null), outcome.Outputs);
        Assert.IsFalse(outcome.Failed);
    }

    [TestMethod]
    public void An_error_fails_the_run()
    {
        var definitions = new DefinitionSet([], [Diagnostic.Error("GMX2001", "Unknown key", new SourceSpan("a_lambdaeventsourcedef.json", 2, 3))]);

        var outcome = ValidationReport.Create(definitions, Workspace);

        Assert.IsTrue(outcome.Failed);
        Assert.AreEqual(
            "## Lambda event sources: validation\n\n**Validated:** 0 function(s), 1 error(s), 0 warning(s); no AWS call was made.\n\n"
            + "### Diagnostics\n\n| Severity | Code | Location | Message |\n|---|---|---|---|\n"
            + "| error | GMX2001 | a\\_lambdaeventsourcedef.json\\(2,3\\) | Unknown key |\n",
            outcome.SummaryMarkdown);
    }
}
