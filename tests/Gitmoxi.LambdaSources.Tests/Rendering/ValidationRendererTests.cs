using System.Text;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Tests.Rendering;

[TestClass]
public sealed class ValidationRendererTests
{
    private static FunctionDefinition Function(string name, string? qualifier, string file, int mappings) => new(
        file.Replace("_lambdaeventsourcedef.json", "", StringComparison.Ordinal),
        file,
        name,
        qualifier,
        [],
        [.. Enumerable.Range(0, mappings).Select(_ => new EventSourceMappingDefinition(
            EventSourceKind.Sqs, "arn:aws:sqs:us-east-1:123456789012:q", [], new Dictionary<string, SourceSpan>(), new SourceSpan(file, 3, 5)))]);

    private static RunOutcome Validated(DefinitionSet definitions) =>
        new(RunMode.Validate, new Plan([], definitions.Diagnostics), null, Definitions: definitions);

    [TestMethod]
    public void Lists_each_function_escaped_and_every_diagnostic_once()
    {
        var outcome = Validated(new DefinitionSet(
            [Function("orders", "live", "orders/orders_lambdaeventsourcedef.json", 2), Function("<b>x</b>", null, "x/x_lambdaeventsourcedef.json", 1)],
            [Diagnostic.Warning("GMX3001", "AlaisStageVariableName is misspelt", new SourceSpan("x/x_lambdaeventsourcedef.json", 4, 9))]));

        Assert.AreEqual(
            """
            ## Lambda event sources: validation

            **Validated:** 2 function(s), 0 error(s), 1 warning(s); no AWS call was made.

            ### Diagnostics

            | Severity | Code | Location | Message |
            |---|---|---|---|
            | warning | GMX3001 | x/x&#95;lambdaeventsourcedef.json(4,9) | AlaisStageVariableName is misspelt |

            | Function | Defined in | Event source mappings | Push sources |
            |---|---|---|---|
            | orders:live | <code>orders/orders&#95;lambdaeventsourcedef.json</code> | 2 | 0 |
            | &lt;b&gt;x&lt;/b&gt; | <code>x/x&#95;lambdaeventsourcedef.json</code> | 1 | 0 |


            """,
            outcome.RenderMarkdown());
        Assert.AreEqual(
            """
            Validated: 2 function(s), 0 error(s), 1 warning(s); no AWS call was made.
              orders:live (orders/orders_lambdaeventsourcedef.json): 2 event source mapping(s), 0 push source(s)
              <b>x</b> (x/x_lambdaeventsourcedef.json): 1 event source mapping(s), 0 push source(s)
            x/x_lambdaeventsourcedef.json(4,9): warning GMX3001: AlaisStageVariableName is misspelt

            """,
            outcome.RenderText());
        Assert.IsTrue(outcome.Succeeded);
    }

    [TestMethod]
    public void An_error_fails_the_run_and_a_set_without_functions_has_no_function_table()
    {
        var outcome = Validated(new DefinitionSet([], [Diagnostic.Error("GMX2001", "Unknown key", new SourceSpan("a_lambdaeventsourcedef.json", 2, 3))]));

        Assert.IsFalse(outcome.Succeeded);
        Assert.AreEqual(
            """
            ## Lambda event sources: validation

            **Validated:** 0 function(s), 1 error(s), 0 warning(s); no AWS call was made.

            ### Diagnostics

            | Severity | Code | Location | Message |
            |---|---|---|---|
            | error | GMX2001 | a&#95;lambdaeventsourcedef.json(2,3) | Unknown key |


            """,
            outcome.RenderMarkdown());
    }

    [TestMethod]
    public void Functions_that_do_not_fit_are_counted_and_the_log_named()
    {
        var functions = Enumerable.Range(1, 3000).Select(i => Function($"f{i}", null, $"f{i}/f_lambdaeventsourcedef.json", 1)).ToList();

        var rendered = Validated(new DefinitionSet(functions, [])).RenderMarkdown(log: "build log", maxBytes: 20_000);

        var shown = rendered.Split("\n| f").Length - 1;
        Assert.IsLessThanOrEqualTo(20_000, Encoding.UTF8.GetByteCount(rendered));
        Assert.IsGreaterThan(10, shown);
        Assert.EndsWith($"_{3000 - shown} of 3000 functions are not shown here (size limit); see the build log for all of them._\n", rendered);
    }
}
