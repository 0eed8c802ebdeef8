using System.Text;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;

namespace Gitmoxi.LambdaSources.Tests.Rendering;

[TestClass]
public sealed class MarkdownRendererTests
{
    [TestMethod]
    public void Plan_markdown_has_totals_diagnostics_a_table_per_function_and_field_diffs_in_details()
    {
        Assert.AreEqual(
            """
            ## Lambda event sources: plan

            **Plan:** 1 to create, 1 to update, 1 to replace, 1 to delete, 1 drifted.

            ### Diagnostics

            | Severity | Code | Location | Message |
            |---|---|---|---|
            | warning | GMX1102 | orders/orders&#95;lambdaeventsourcedef.json(8,7) | AlaisStageVariableName is a misspelling of AliasStageVariableName. |

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:orders:live</code>

            Defined in <code>orders/orders&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `-/+` | replace | event-source-mapping dynamodb:orders | forced by StartingPosition |
            | `~` | update | event-source-mapping kinesis:orders-stream | BatchSize, FilterCriteria |
            | `+` | create | event-source-mapping sqs:orders-queue | EventSourceArn, BatchSize, Tags |
            | `!` | drift | event-source-mapping sqs:legacy | not created by gitmoxi; never removed |

            <details><summary>-/+ replace event-source-mapping dynamodb:orders</summary>

            | Field | Before | After |
            |---|---|---|
            | StartingPosition | <code>"LATEST"</code> | <code>"TRIM&#95;HORIZON"</code> <strong>forces replacement</strong> |

            - StartingPosition cannot change in place: the mapping is deleted, then created again

            </details>

            <details><summary>~ update event-source-mapping kinesis:orders-stream</summary>

            | Field | Before | After |
            |---|---|---|
            | BatchSize | <code>100</code> | <code>50</code> |
            | FilterCriteria | <code>{"Filters":&#91;{"Pattern":"{&#92;"body&#92;":&#92;"&lt;script&gt;alert(1)&lt;/script&gt; &#124; &#96;x&#96; &#42;y&#42;&#92;"}"}&#93;}</code> | <code>{}</code> <em>(default)</em> |

            - adopted: this mapping was not created by gitmoxi; it now gets the ownership tags

            </details>

            <details><summary>+ create event-source-mapping sqs:orders-queue</summary>

            | Field | Before | After |
            |---|---|---|
            | EventSourceArn | <em>absent</em> | <code>"arn:aws:sqs:us-east-1:123456789012:orders-queue"</code> |
            | BatchSize | <em>absent</em> | <code>10</code> |
            | Tags.gitmoxi:managed-by | <em>absent</em> | <code>"gitmoxi-lambda-sources"</code> |

            </details>

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:billing</code>

            Defined in <code>billing/&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `-` | delete | event-source-mapping sqs:old-invoices | created by gitmoxi and no longer declared; prune is on |
            | `=` | no change | event-source-mapping sqs:invoices | no changes |


            """,
            PlanMarkdownRenderer.Render(SamplePlans.Plan));
    }

    [TestMethod]
    public void Plan_markdown_of_several_accounts_and_regions_puts_a_heading_above_each_group_of_functions()
    {
        Assert.AreEqual(
            """
            ## Lambda event sources: plan

            **Plan:** 1 to create, 0 to update, 0 to replace, 1 to delete, 0 drifted.

            ## Account 123456789012, Region us-east-1

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:orders:live</code>

            Defined in <code>orders/orders&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `+` | create | event-source-mapping sqs:orders-queue | EventSourceArn, BatchSize, Tags |

            <details><summary>+ create event-source-mapping sqs:orders-queue</summary>

            | Field | Before | After |
            |---|---|---|
            | EventSourceArn | <em>absent</em> | <code>"arn:aws:sqs:us-east-1:123456789012:orders-queue"</code> |
            | BatchSize | <em>absent</em> | <code>10</code> |
            | Tags.gitmoxi:managed-by | <em>absent</em> | <code>"gitmoxi-lambda-sources"</code> |

            </details>

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:billing</code>

            Defined in <code>billing/&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `-` | delete | event-source-mapping sqs:old-invoices | created by gitmoxi and no longer declared; prune is on |

            ## Account 123456789012, Region eu-west-1

            ### <code>arn:aws:lambda:eu-west-1:123456789012:function:audit</code>

            Defined in <code>audit/audit&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `=` | no change | event-source-mapping sqs:invoices | no changes |

            ## Account 111122223333, Region eu-west-1

            ### <code>arn:aws:lambda:eu-west-1:111122223333:function:ledger</code>

            Defined in <code>ledger/ledger&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `=` | no change | event-source-mapping sqs:invoices | no changes |


            """,
            PlanMarkdownRenderer.Render(SamplePlans.Placed));
    }

    [TestMethod]
    public void Apply_markdown_has_the_outcome_line_and_a_result_table_per_function()
    {
        Assert.AreEqual(
            """
            ## Lambda event sources: apply

            **Apply failed:** 0 created, 0 updated, 1 replaced, 1 deleted; 1 failed, 1 not attempted.

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:orders:live</code>

            Defined in <code>orders/orders&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Result |
            |---|---|---|---|
            | `-/+` | replace | event-source-mapping dynamodb:orders | done (id u-table-2) |
            | `~` | update | event-source-mapping kinesis:orders-stream | FAILED: ResourceInUseException: Cannot update the event source mapping because it is in use. |
            | `+` | create | event-source-mapping sqs:orders-queue | not attempted |
            | `!` | drift | event-source-mapping sqs:legacy | left as is |

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:billing</code>

            Defined in <code>billing/&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Result |
            |---|---|---|---|
            | `-` | delete | event-source-mapping sqs:old-invoices | done |
            | `=` | no change | event-source-mapping sqs:invoices | unchanged |


            """,
            ApplyResultMarkdownRenderer.Render(SamplePlans.ApplyResult));
    }

    [TestMethod]
    public void Plan_markdown_renders_script_tags_pipes_and_markdown_syntax_in_user_strings_inert()
    {
        var drift = new DriftObservation(
            ResourceKind.EventSourceMapping, "event-source-mapping sqs:a|b<script>alert(1)</script>", "u-1",
            "line one\nline two with `code` and [link](http://x) and $math$", []);
        var function = new FunctionPlan("f", null, "arn:aws:lambda:us-east-1:123456789012:function:f", "x/_lambdaeventsourcedef.json", [], [drift]);
        var plan = new Plan([function], [Diagnostic.Error("GMX1001", "bad | value <b>", new SourceSpan("x/_lambdaeventsourcedef.json", 1, 2))]);

        Assert.AreEqual(
            """
            ## Lambda event sources: plan

            **Plan:** 0 to create, 0 to update, 0 to replace, 0 to delete, 1 drifted.

            > [!CAUTION]
            > The plan has errors; nothing can be applied.

            ### Diagnostics

            | Severity | Code | Location | Message |
            |---|---|---|---|
            | error | GMX1001 | x/&#95;lambdaeventsourcedef.json(1,2) | bad &#124; value &lt;b&gt; |

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:f</code>

            Defined in <code>x/&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `!` | drift | event-source-mapping sqs:a&#124;b&lt;script&gt;alert(1)&lt;/script&gt; | line one<br>line two with &#96;code&#96; and &#91;link&#93;(http://x) and &#36;math&#36; |


            """,
            PlanMarkdownRenderer.Render(plan));
    }

    [TestMethod]
    public void Plan_markdown_shows_as_many_functions_as_fit_and_says_how_many_were_left_out()
    {
        var plan = new Plan([Function(1), Function(2), Function(3)], []);
        var oneFunction = PlanMarkdownRenderer.Render(new Plan([Function(1)], []));

        var rendered = PlanMarkdownRenderer.Render(plan, maxBytes: Encoding.UTF8.GetByteCount(oneFunction) + 1100);

        Assert.AreEqual(
            """
            ## Lambda event sources: plan

            **Plan:** 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:f1</code>

            Defined in <code>f1/&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `=` | no change | event-source-mapping sqs:q1 | no changes |

            _2 of 3 functions are not shown here (size limit); see the plan file for all of them._

            """,
            rendered);
    }

    [TestMethod]
    public void Plan_markdown_of_thousands_of_functions_stays_under_one_mebibyte()
    {
        var functions = Enumerable.Range(1, 5000).Select(i => Function(i, new string('x', 400))).ToList();

        var rendered = PlanMarkdownRenderer.Render(new Plan(functions, []));

        var shown = rendered.Split("\n### <code>").Length - 1;
        Assert.IsLessThan(1024 * 1024, Encoding.UTF8.GetByteCount(rendered));
        Assert.IsGreaterThan(1000, shown);
        Assert.EndsWith($"_{5000 - shown} of 5000 functions are not shown here (size limit); see the plan file for all of them._\n", rendered);
    }

    [TestMethod]
    public void A_run_without_a_saved_plan_file_points_to_the_log_for_what_the_summary_leaves_out()
    {
        var plan = new Plan([Function(1), Function(2), Function(3)], []);
        var maxBytes = Encoding.UTF8.GetByteCount(PlanMarkdownRenderer.Render(new Plan([Function(1)], []))) + 1100;

        var withoutFile = new RunOutcome(RunMode.Plan, plan, null).RenderMarkdown(maxBytes: maxBytes);
        var msbuild = new RunOutcome(RunMode.Plan, plan, null).RenderMarkdown(log: "build log", maxBytes: maxBytes);
        var withFile = new RunOutcome(RunMode.Plan, plan, null, SavedPlanFile: "/w/out/plan.json").RenderMarkdown(maxBytes: maxBytes);
        // An apply of a saved plan that was refused shows the current plan: the file is not where the rest is.
        var refused = new RunOutcome(RunMode.Apply, plan, null, SavedPlanFile: "/w/out/plan.json").RenderMarkdown(maxBytes: maxBytes);

        Assert.EndsWith("_2 of 3 functions are not shown here (size limit); see the step log for all of them._\n", withoutFile);
        Assert.EndsWith("_2 of 3 functions are not shown here (size limit); see the build log for all of them._\n", msbuild);
        Assert.EndsWith("_2 of 3 functions are not shown here (size limit); see the plan file for all of them._\n", withFile);
        Assert.EndsWith("_2 of 3 functions are not shown here (size limit); see the step log for all of them._\n", refused);
        Assert.AreEqual(withFile.Replace("plan file", "step log", StringComparison.Ordinal), withoutFile);
    }

    [TestMethod]
    public void A_scoped_run_puts_its_scope_line_after_the_heading_within_the_same_byte_budget()
    {
        var plan = new Plan([Function(1), Function(2), Function(3)], []);
        var maxBytes = Encoding.UTF8.GetByteCount(PlanMarkdownRenderer.Render(new Plan([Function(1)], []))) + 1100;
        var scope = new ScopeSummary(3, 7, []);
        const string Line = "changed function groups only: 3 of 10 planned, 7 unchanged skipped (their live state was not read).";

        var outcome = new RunOutcome(RunMode.Plan, plan, null, Scope: scope);
        var markdown = outcome.RenderMarkdown(maxBytes: maxBytes);

        Assert.AreEqual("Scope: " + Line + "\n\n" + new RunOutcome(RunMode.Plan, plan, null).RenderText(), outcome.RenderText());
        Assert.StartsWith("## Lambda event sources: plan\n\n**Scope:** " + Line + "\n\n**Plan:** ", markdown);
        Assert.IsLessThanOrEqualTo(maxBytes, Encoding.UTF8.GetByteCount(markdown));
    }

    private static FunctionPlan Function(int index, string note = "")
    {
        var change = new PlannedChange(
            ChangeAction.NoOp, ResourceKind.EventSourceMapping, $"event-source-mapping sqs:q{index}", $"u-{index}", null, [],
            note.Length == 0 ? [] : [note], null);
        return new FunctionPlan(
            $"f{index}", null, $"arn:aws:lambda:us-east-1:123456789012:function:f{index}", $"f{index}/_lambdaeventsourcedef.json", [change], []);
    }
}
