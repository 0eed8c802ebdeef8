using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;

namespace Gitmoxi.LambdaSources.Tests.Rendering;

/// <summary>A representative plan and apply result, built by hand so renderer tests do not depend on the planner.</summary>
internal static class SamplePlans
{
    public const string OrdersFile = "orders/orders_lambdaeventsourcedef.json";

    public static readonly PlannedChange Create = new(
        ChangeAction.Create, ResourceKind.EventSourceMapping, "event-source-mapping sqs:orders-queue", null,
        new CreateMapping(
            "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
            JsonNode.Parse("""{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:orders:live","EventSourceArn":"arn:aws:sqs:us-east-1:123456789012:orders-queue","BatchSize":10,"Tags":{"gitmoxi:managed-by":"gitmoxi-lambda-sources"}}""")!.AsObject()),
        [
            new FieldDiff("EventSourceArn", null, "\"arn:aws:sqs:us-east-1:123456789012:orders-queue\""),
            new FieldDiff("BatchSize", null, "10"),
            new FieldDiff("Tags.gitmoxi:managed-by", null, "\"gitmoxi-lambda-sources\""),
        ],
        [],
        new SourceSpan(OrdersFile, 3, 5));

    public static readonly PlannedChange Update = new(
        ChangeAction.Update, ResourceKind.EventSourceMapping, "event-source-mapping kinesis:orders-stream", "u-stream",
        new UpdateMapping(
            "u-stream", "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-stream", JsonNode.Parse("""{"BatchSize":50,"FilterCriteria":{}}""")!.AsObject(), TagDelta.None),
        [
            new FieldDiff("BatchSize", "100", "50"),
            new FieldDiff("FilterCriteria", """{"Filters":[{"Pattern":"{\"body\":\"<script>alert(1)</script> | `x` *y*\"}"}]}""", "{}", AfterIsDefault: true),
        ],
        ["adopted: this mapping was not created by gitmoxi; it now gets the ownership tags"],
        new SourceSpan(OrdersFile, 9, 5));

    public static readonly PlannedChange Replace = new(
        ChangeAction.Replace, ResourceKind.EventSourceMapping, "event-source-mapping dynamodb:orders", "u-table",
        new ReplaceMapping(
            "u-table",
            "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
            JsonNode.Parse("""{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:orders:live","StartingPosition":"TRIM_HORIZON"}""")!.AsObject()),
        [new FieldDiff("StartingPosition", "\"LATEST\"", "\"TRIM_HORIZON\"", ForcesReplacement: true)],
        ["StartingPosition cannot change in place: the mapping is deleted, then created again"],
        new SourceSpan(OrdersFile, 15, 5));

    public static readonly DriftObservation Drift = new(
        ResourceKind.EventSourceMapping, "event-source-mapping sqs:legacy", "u-legacy", "not created by gitmoxi; never removed", []);

    public static readonly PlannedChange NoOp = new(
        ChangeAction.NoOp, ResourceKind.EventSourceMapping, "event-source-mapping sqs:invoices", "u-invoices",
        null, [], [], new SourceSpan("billing/_lambdaeventsourcedef.json", 3, 5));

    public static readonly PlannedChange Delete = new(
        ChangeAction.Delete, ResourceKind.EventSourceMapping, "event-source-mapping sqs:old-invoices", "u-old",
        new DeleteMapping("u-old"), [], ["created by gitmoxi and no longer declared; prune is on"], null);

    public static readonly FunctionPlan Orders = new(
        "orders", "live", "arn:aws:lambda:us-east-1:123456789012:function:orders:live", OrdersFile, [Replace, Update, Create], [Drift], "orders-live-state", "us-east-1");

    public static readonly FunctionPlan Billing = new(
        "billing", null, "arn:aws:lambda:us-east-1:123456789012:function:billing", "billing/_lambdaeventsourcedef.json", [Delete, NoOp], [], "billing-live-state",
        "us-east-1", "123456789012");

    public static readonly Plan Plan = new(
        [Orders, Billing],
        [Diagnostic.Warning("GMX1102", "AlaisStageVariableName is a misspelling of AliasStageVariableName.", new SourceSpan(OrdersFile, 8, 7))]);

    /// <summary>Three functions in two Regions and two accounts (one declared, with its role), listed out of group order.</summary>
    public static readonly Plan Placed = new(
        [
            new FunctionPlan("orders", "live", "arn:aws:lambda:us-east-1:123456789012:function:orders:live", OrdersFile, [Create], [], "a", "us-east-1"),
            new FunctionPlan("audit", null, "arn:aws:lambda:eu-west-1:123456789012:function:audit", "audit/audit_lambdaeventsourcedef.json", [NoOp], [], "b", "eu-west-1"),
            new FunctionPlan("billing", null, "arn:aws:lambda:us-east-1:123456789012:function:billing", "billing/_lambdaeventsourcedef.json", [Delete], [], "c", "us-east-1"),
            new FunctionPlan("ledger", null, "arn:aws:lambda:eu-west-1:111122223333:function:ledger", "ledger/ledger_lambdaeventsourcedef.json", [NoOp], [], "d", "eu-west-1", "111122223333"),
        ],
        []);

    public static readonly ApplyResult ApplyResult = new(
        [
            new FunctionResult(Orders, [
                new ChangeResult(Replace, ChangeOutcome.Succeeded, ResultId: "u-table-2"),
                new ChangeResult(Update, ChangeOutcome.Failed, "ResourceInUseException: Cannot update the event source mapping because it is in use."),
                new ChangeResult(Create, ChangeOutcome.NotAttempted),
            ]),
            new FunctionResult(Billing, [
                new ChangeResult(Delete, ChangeOutcome.Succeeded),
                new ChangeResult(NoOp, ChangeOutcome.Succeeded),
            ]),
        ],
        []);
}
