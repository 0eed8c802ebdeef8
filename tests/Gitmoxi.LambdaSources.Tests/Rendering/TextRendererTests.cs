using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;

namespace Gitmoxi.LambdaSources.Tests.Rendering;

[TestClass]
public sealed class TextRendererTests
{
    [TestMethod]
    public void Plan_text_lists_each_function_change_field_note_diagnostic_and_the_totals()
    {
        Assert.AreEqual(
            """
            Function arn:aws:lambda:us-east-1:123456789012:function:orders:live
              defined in orders/orders_lambdaeventsourcedef.json

              -/+ replace event-source-mapping dynamodb:orders (id u-table)
                    StartingPosition: "LATEST" → "TRIM_HORIZON" (forces replacement)
                    # StartingPosition cannot change in place: the mapping is deleted, then created again
              ~   update event-source-mapping kinesis:orders-stream (id u-stream)
                    BatchSize: 100 → 50
                    FilterCriteria: {"Filters":[{"Pattern":"{\"body\":\"<script>alert(1)</script> | `x` *y*\"}"}]} → {} (default)
                    # adopted: this mapping was not created by gitmoxi; it now gets the ownership tags
              +   create event-source-mapping sqs:orders-queue
                    EventSourceArn: (absent) → "arn:aws:sqs:us-east-1:123456789012:orders-queue"
                    BatchSize: (absent) → 10
                    Tags.gitmoxi:managed-by: (absent) → "gitmoxi-lambda-sources"
              !   drift event-source-mapping sqs:legacy (id u-legacy)
                    # not created by gitmoxi; never removed

            Function arn:aws:lambda:us-east-1:123456789012:function:billing
              defined in billing/_lambdaeventsourcedef.json

              -   delete event-source-mapping sqs:old-invoices (id u-old)
                    # created by gitmoxi and no longer declared; prune is on
              =   no change event-source-mapping sqs:invoices (id u-invoices)

            orders/orders_lambdaeventsourcedef.json(8,7): warning GMX1102: AlaisStageVariableName is a misspelling of AliasStageVariableName.

            Plan: 1 to create, 1 to update, 1 to replace, 1 to delete, 1 drifted.

            """,
            PlanTextRenderer.Render(SamplePlans.Plan));
    }

    [TestMethod]
    public void Plan_text_of_several_accounts_and_regions_groups_the_functions_under_a_heading_each()
    {
        Assert.AreEqual(
            """
            == Account 123456789012, Region us-east-1 ==

            Function arn:aws:lambda:us-east-1:123456789012:function:orders:live
              defined in orders/orders_lambdaeventsourcedef.json

              +   create event-source-mapping sqs:orders-queue
                    EventSourceArn: (absent) → "arn:aws:sqs:us-east-1:123456789012:orders-queue"
                    BatchSize: (absent) → 10
                    Tags.gitmoxi:managed-by: (absent) → "gitmoxi-lambda-sources"

            Function arn:aws:lambda:us-east-1:123456789012:function:billing
              defined in billing/_lambdaeventsourcedef.json

              -   delete event-source-mapping sqs:old-invoices (id u-old)
                    # created by gitmoxi and no longer declared; prune is on

            == Account 123456789012, Region eu-west-1 ==

            Function arn:aws:lambda:eu-west-1:123456789012:function:audit
              defined in audit/audit_lambdaeventsourcedef.json

              =   no change event-source-mapping sqs:invoices (id u-invoices)

            == Account 111122223333, Region eu-west-1 ==

            Function arn:aws:lambda:eu-west-1:111122223333:function:ledger
              defined in ledger/ledger_lambdaeventsourcedef.json

              =   no change event-source-mapping sqs:invoices (id u-invoices)

            Plan: 1 to create, 0 to update, 0 to replace, 1 to delete, 0 drifted.

            """,
            PlanTextRenderer.Render(SamplePlans.Placed));
    }

    [TestMethod]
    public void Apply_text_says_per_change_what_was_done_failed_or_not_attempted_and_the_totals()
    {
        Assert.AreEqual(
            """
            Function arn:aws:lambda:us-east-1:123456789012:function:orders:live
              defined in orders/orders_lambdaeventsourcedef.json

              -/+ replace event-source-mapping dynamodb:orders (id u-table): done (id u-table-2)
              ~   update event-source-mapping kinesis:orders-stream (id u-stream): FAILED: ResourceInUseException: Cannot update the event source mapping because it is in use.
              +   create event-source-mapping sqs:orders-queue: not attempted
              !   drift event-source-mapping sqs:legacy (id u-legacy): left as is

            Function arn:aws:lambda:us-east-1:123456789012:function:billing
              defined in billing/_lambdaeventsourcedef.json

              -   delete event-source-mapping sqs:old-invoices (id u-old): done
              =   no change event-source-mapping sqs:invoices (id u-invoices): unchanged

            Apply failed: 0 created, 0 updated, 1 replaced, 1 deleted; 1 failed, 1 not attempted.

            """,
            ApplyResultTextRenderer.Render(SamplePlans.ApplyResult));
    }

    [TestMethod]
    public void Plan_text_says_a_plan_with_errors_cannot_be_applied()
    {
        var plan = new Plan([], [Diagnostic.Error("GMX1001", "Unknown key \"BatchSise\"; did you mean \"BatchSize\"?", new("a/_lambdaeventsourcedef.json", 4, 9))]);

        Assert.AreEqual(
            """
            a/_lambdaeventsourcedef.json(4,9): error GMX1001: Unknown key "BatchSise"; did you mean "BatchSize"?

            The plan has errors; nothing can be applied.
            Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.

            """,
            PlanTextRenderer.Render(plan));
    }
}
