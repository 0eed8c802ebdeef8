using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;

namespace Gitmoxi.LambdaSources.Tests.Rendering;

[TestClass]
public sealed class PlanCommentRendererTests
{
    private const string RunUrl = "https://github.com/octo/app/actions/runs/4242/attempts/2";

    private static readonly PlanCommentContext Context = new("<!-- gitmoxi-lambda-sources:plan path=. -->", "functions/*|<x>", "0123456789abcdef0123", RunUrl);

    [TestMethod]
    public void Comment_has_the_marker_a_short_header_diagnostics_and_each_changed_function_collapsed()
    {
        var unchanged = SamplePlans.Billing with { FunctionName = "quiet", FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:quiet", Changes = [SamplePlans.NoOp] };
        var plan = new Plan([SamplePlans.Billing, unchanged], SamplePlans.Plan.Diagnostics);

        var comment = PlanCommentRenderer.Render(new RunOutcome(RunMode.Plan, plan, null), Context);

        Assert.AreEqual(
            """
            <!-- gitmoxi-lambda-sources:plan path=. -->
            ### Lambda event sources: plan for <code>functions/&#42;&#124;&lt;x&gt;</code>

            **Plan:** 0 to create, 0 to update, 0 to replace, 1 to delete, 0 drifted.<br>
            **Has changes:** yes · commit <code>0123456789ab</code>

            ### Diagnostics

            | Severity | Code | Location | Message |
            |---|---|---|---|
            | warning | GMX1102 | orders/orders&#95;lambdaeventsourcedef.json(8,7) | AlaisStageVariableName is a misspelling of AliasStageVariableName. |

            <details><summary><code>arn:aws:lambda:us-east-1:123456789012:function:billing</code>: 1 to delete</summary>

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:billing</code>

            Defined in <code>billing/&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `-` | delete | event-source-mapping sqs:old-invoices | created by gitmoxi and no longer declared; prune is on |
            | `=` | no change | event-source-mapping sqs:invoices | no changes |

            </details>

            _1 of 2 functions have no changes._

            The whole plan is in the run's [job summary](https://github.com/octo/app/actions/runs/4242/attempts/2).

            """,
            comment);
    }

    [TestMethod]
    public void Comment_of_a_scoped_run_says_what_was_planned_and_skipped_before_the_totals()
    {
        var scope = new ScopeSummary(1, 48, ["gone/gone_lambdaeventsourcedef.json"]);

        var comment = PlanCommentRenderer.Render(new RunOutcome(RunMode.Plan, new Plan([], []), null, Scope: scope), Context with { SummaryUrl = null });

        Assert.AreEqual(
            """
            <!-- gitmoxi-lambda-sources:plan path=. -->
            ### Lambda event sources: plan for <code>functions/&#42;&#124;&lt;x&gt;</code>

            **Scope:** changed function groups only: 1 of 49 planned, 48 unchanged skipped (their live state was not read); 1 deleted, planned with no sources so what they created is pruned (prune on) or shown as drift: <code>gone/gone&#95;lambdaeventsourcedef.json</code>.

            **Plan:** 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.<br>
            **Has changes:** no · commit <code>0123456789ab</code>


            """,
            comment);
    }

    [TestMethod]
    public void Comment_after_apply_says_what_apply_did_and_counts_each_kind_of_change_per_function()
    {
        var comment = PlanCommentRenderer.Render(
            new RunOutcome(RunMode.Apply, SamplePlans.Plan, SamplePlans.ApplyResult), Context with { Commit = null, SummaryUrl = null });

        Assert.StartsWith(
            """
            <!-- gitmoxi-lambda-sources:plan path=. -->
            ### Lambda event sources: plan and apply for <code>functions/&#42;&#124;&lt;x&gt;</code>

            **Plan:** 1 to create, 1 to update, 1 to replace, 1 to delete, 1 drifted.<br>
            **Has changes:** yes

            **Apply failed:** 0 created, 0 updated, 1 replaced, 1 deleted; 1 failed, 1 not attempted.

            <details><summary><code>arn:aws:lambda:us-east-1:123456789012:function:orders:live</code>: 1 to create, 1 to update, 1 to replace, 1 drifted</summary>


            """,
            comment);
        Assert.EndsWith("</details>\n\n", comment, "without a run link the comment ends after the last function");
    }

    [TestMethod]
    public void Comment_of_a_plan_with_errors_says_nothing_can_be_applied()
    {
        var plan = new Plan([], [LambdaSources.Diagnostics.Diagnostic.Error("GMX2001", "Unknown key 'BatchSze'.")]);

        var comment = PlanCommentRenderer.Render(new RunOutcome(RunMode.Plan, plan, null), Context with { SummaryUrl = null });

        Assert.AreEqual(
            """
            <!-- gitmoxi-lambda-sources:plan path=. -->
            ### Lambda event sources: plan for <code>functions/&#42;&#124;&lt;x&gt;</code>

            **Plan:** 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.<br>
            **Has changes:** no · commit <code>0123456789ab</code>

            > [!CAUTION]
            > The plan has errors; nothing can be applied.

            ### Diagnostics

            | Severity | Code | Location | Message |
            |---|---|---|---|
            | error | GMX2001 |  | Unknown key 'BatchSze'. |


            """,
            comment);
    }

    [TestMethod]
    public void Comment_of_a_thousand_function_plan_stays_under_the_github_limit_and_points_to_the_job_summary()
    {
        var functions = Enumerable.Range(1, 1000)
            .Select(i => SamplePlans.Orders with { FunctionName = $"f{i}", FunctionArn = $"arn:aws:lambda:us-east-1:123456789012:function:f{i}:live" })
            .ToList();

        var comment = PlanCommentRenderer.Render(new RunOutcome(RunMode.Plan, new Plan(functions, []), null), Context);

        var shown = comment.Split("<details><summary><code>arn").Length - 1;
        Assert.IsLessThan(PlanCommentRenderer.GitHubMaxCharacters, comment.Length);
        Assert.IsGreaterThan(60_000, comment.Length, "the comment uses the room it has");
        Assert.IsGreaterThan(10, shown);
        Assert.EndsWith(
            $"_{1000 - shown} of 1000 functions are not shown here (size limit); see the [job summary]({RunUrl}) for all of them._\n"
            + $"\nThe whole plan is in the run's [job summary]({RunUrl}).\n",
            comment);
    }
}
