using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using static Gitmoxi.LambdaSources.Tests.Planning.PlanningFixtures;

namespace Gitmoxi.LambdaSources.Tests.Planning;

[TestClass]
public sealed class EventSourceMappingPlannerTests
{
    private const string Uuid = "a1b2c3d4-0000-4000-8000-000000000001";

    // What GetEventSourceMapping returns for a queue mapping created with only EventSourceArn.
    private const string SqsAsAwsReturnsIt = $$$"""
        {"UUID":"{{{Uuid}}}","BatchSize":10,"MaximumBatchingWindowInSeconds":0,"EventSourceArn":"{{{QueueArn}}}",
         "FunctionArn":"{{{FunctionArn}}}","LastModified":1.7956211440E9,"State":"Enabled","StateTransitionReason":"USER_INITIATED",
         "FunctionResponseTypes":[],"EventSourceMappingArn":"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{{{Uuid}}}"}
        """;

    private static readonly EventSourceMappingDefinition SeedSqs = Declared(EventSourceKind.Sqs, $$$"""
        {"EventSourceArn":"{{{QueueArn}}}","BatchSize":10,"MaximumBatchingWindowInSeconds":60}
        """);

    [TestMethod]
    public void Plan_creates_the_seed_sqs_mapping_with_ownership_tags_when_nothing_is_live()
    {
        var changes = Plan(Function(SeedSqs), prune: false);

        Assert.AreEqual(
            """
            Create event-source-mapping sqs:orders-queue @ orders/orders_lambdaeventsourcedef.json(3,5)
              EventSourceArn: (absent) -> "arn:aws:sqs:us-east-1:123456789012:orders-queue"
              BatchSize: (absent) -> 10
              MaximumBatchingWindowInSeconds: (absent) -> 60
              Tags.gitmoxi:definition: (absent) -> "orders/orders_lambdaeventsourcedef.json"
              Tags.gitmoxi:managed-by: (absent) -> "gitmoxi-lambda-sources"
              Tags.gitmoxi:repository: (absent) -> "octo/orders"
              op: {"op":"createMapping","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:orders:live","request":{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:orders:live","EventSourceArn":"arn:aws:sqs:us-east-1:123456789012:orders-queue","BatchSize":10,"MaximumBatchingWindowInSeconds":60,"Tags":{"gitmoxi:definition":"orders/orders_lambdaeventsourcedef.json","gitmoxi:managed-by":"gitmoxi-lambda-sources","gitmoxi:repository":"octo/orders"}}}

            """,
            Describe(changes));
    }

    [TestMethod]
    public void Plan_adopts_an_unowned_mapping_of_the_same_queue_by_adding_ownership_tags()
    {
        var declared = Declared(EventSourceKind.Sqs, $$$"""{"EventSourceArn":"{{{QueueArn}}}"}""");

        var changes = Plan(Function(declared), prune: false, Live(SqsAsAwsReturnsIt, new Dictionary<string, string> { ["team"] = "orders" }));

        Assert.AreEqual(
            $$$"""
            Update event-source-mapping sqs:orders-queue [{{{Uuid}}}] @ orders/orders_lambdaeventsourcedef.json(3,5)
              Tags.gitmoxi:definition: (absent) -> "orders/orders_lambdaeventsourcedef.json"
              Tags.gitmoxi:managed-by: (absent) -> "gitmoxi-lambda-sources"
              Tags.gitmoxi:repository: (absent) -> "octo/orders"
              Tags.team: "orders" -> (absent)
              op: {"op":"updateMapping","uuid":"{{{Uuid}}}","mappingArn":"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{{{Uuid}}}","update":{},"tags":{"set":{"gitmoxi:definition":"orders/orders_lambdaeventsourcedef.json","gitmoxi:managed-by":"gitmoxi-lambda-sources","gitmoxi:repository":"octo/orders"},"remove":["team"]}}
              note: adopted: this mapping was not created by gitmoxi; it now gets the ownership tags

            """,
            Describe(changes));
    }

    [TestMethod]
    public void Plan_is_a_no_op_when_live_equals_desired_including_defaults_aws_returns()
    {
        var declared = Declared(EventSourceKind.Sqs, $$$"""{"EventSourceArn":"{{{QueueArn}}}","Enabled":true,"BatchSize":10.0}""");
        var tags = Owned();
        tags["aws:cloudformation:stack-name"] = "legacy";

        var changes = Plan(Function(declared), prune: true, Live(SqsAsAwsReturnsIt, tags));

        Assert.AreEqual(
            $"NoOp event-source-mapping sqs:orders-queue [{Uuid}] @ orders/orders_lambdaeventsourcedef.json(3,5)\n",
            Describe(changes));
    }

    [TestMethod]
    public void Plan_updates_the_same_mapping_when_batch_size_changes()
    {
        var declared = Declared(EventSourceKind.Sqs, $$$"""{"EventSourceArn":"{{{QueueArn}}}","BatchSize":5}""");

        var changes = Plan(Function(declared), prune: false, Live(SqsAsAwsReturnsIt, Owned()));

        Assert.AreEqual(
            $$$"""
            Update event-source-mapping sqs:orders-queue [{{{Uuid}}}] @ orders/orders_lambdaeventsourcedef.json(3,5)
              BatchSize: 10 -> 5
              op: {"op":"updateMapping","uuid":"{{{Uuid}}}","mappingArn":"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{{{Uuid}}}","update":{"BatchSize":5},"tags":{"set":{},"remove":[]}}

            """,
            Describe(changes));
    }

    [TestMethod]
    public void Plan_resets_fields_removed_from_the_file_with_their_clear_values()
    {
        var declared = Declared(EventSourceKind.Sqs, $$$"""{"EventSourceArn":"{{{QueueArn}}}"}""");
        var live = Live($$$"""
            {"UUID":"{{{Uuid}}}","BatchSize":20,"MaximumBatchingWindowInSeconds":5,"EventSourceArn":"{{{QueueArn}}}",
             "FunctionArn":"{{{FunctionArn}}}","State":"Disabled","FunctionResponseTypes":["ReportBatchItemFailures"],
             "FilterCriteria":{"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]},
             "ScalingConfig":{"MaximumConcurrency":5},"MetricsConfig":{"Metrics":["EventCount"]},"KMSKeyArn":"arn:aws:kms:us-east-1:123456789012:key/k1"}
            """, Owned());

        var changes = Plan(Function(declared), prune: false, live);

        Assert.AreEqual(
            $$$"""
            Update event-source-mapping sqs:orders-queue [{{{Uuid}}}] @ orders/orders_lambdaeventsourcedef.json(3,5)
              Enabled: false -> true (default)
              BatchSize: 20 -> 10 (default)
              FilterCriteria: {"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]} -> {} (default)
              MaximumBatchingWindowInSeconds: 5 -> 0 (default)
              FunctionResponseTypes: ["ReportBatchItemFailures"] -> [] (default)
              ScalingConfig: {"MaximumConcurrency":5} -> {} (default)
              KMSKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k1" -> "" (default)
              MetricsConfig: {"Metrics":["EventCount"]} -> {"Metrics":[]} (default)
              op: {"op":"updateMapping","uuid":"{{{Uuid}}}","mappingArn":"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{{{Uuid}}}","update":{"Enabled":true,"BatchSize":10,"FilterCriteria":{},"MaximumBatchingWindowInSeconds":0,"FunctionResponseTypes":[],"ScalingConfig":{},"KMSKeyArn":"","MetricsConfig":{"Metrics":[]}},"tags":{"set":{},"remove":[]}}

            """,
            Describe(changes));
    }

    [TestMethod]
    public void Plan_ignores_filter_pattern_whitespace_key_order_and_filter_order()
    {
        var declared = Declared(EventSourceKind.Sqs, $$$"""
            {"EventSourceArn":"{{{QueueArn}}}","FilterCriteria":{"Filters":[
              {"Pattern":"{ \"metadata\": {\"b\": [1.0]}, \"body\" : { \"kind\": [\"order\"] } }"},
              {"Pattern":"{\"x\":[\"y\"]}"}]}}
            """);
        var live = Live($$$"""
            {"UUID":"{{{Uuid}}}","BatchSize":10,"EventSourceArn":"{{{QueueArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled",
             "FilterCriteria":{"Filters":[{"Pattern":"{\"x\":[\"y\"]}"},{"Pattern":"{\"body\":{\"kind\":[\"order\"]},\"metadata\":{\"b\":[1]}}"}]}}
            """, Owned());

        var changes = Plan(Function(declared), prune: false, live);

        Assert.AreEqual(ChangeAction.NoOp, changes.Changes.Single().Action, Describe(changes));
    }

    [TestMethod]
    public void Plan_replaces_a_kinesis_mapping_when_starting_position_changes()
    {
        var declared = Declared(EventSourceKind.Kinesis, $$$"""{"EventSourceArn":"{{{StreamArn}}}","StartingPosition":"TRIM_HORIZON","BatchSize":50}""");
        var live = Live($$$"""
            {"UUID":"{{{Uuid}}}","StartingPosition":"LATEST","BatchSize":100,"MaximumBatchingWindowInSeconds":0,"ParallelizationFactor":1,
             "EventSourceArn":"{{{StreamArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled","DestinationConfig":{"OnFailure":{}},
             "MaximumRecordAgeInSeconds":-1,"BisectBatchOnFunctionError":false,"MaximumRetryAttempts":-1,"TumblingWindowInSeconds":0,
             "FunctionResponseTypes":[]}
            """, Owned());

        var changes = Plan(Function(declared), prune: false, live);

        Assert.AreEqual(
            $$$$"""
            Replace event-source-mapping kinesis:orders-stream [{{{{Uuid}}}}] @ orders/orders_lambdaeventsourcedef.json(3,5)
              BatchSize: 100 -> 50
              StartingPosition: "LATEST" -> "TRIM_HORIZON" (forces replacement)
              op: {"op":"replaceMapping","uuid":"{{{{Uuid}}}}","functionArn":"{{{{FunctionArn}}}}","request":{"FunctionName":"{{{{FunctionArn}}}}","EventSourceArn":"{{{{StreamArn}}}}","StartingPosition":"TRIM_HORIZON","BatchSize":50,"Tags":{"gitmoxi:definition":"orders/orders_lambdaeventsourcedef.json","gitmoxi:managed-by":"gitmoxi-lambda-sources","gitmoxi:repository":"octo/orders"}}}
              note: StartingPosition (orders/orders_lambdaeventsourcedef.json(5,7)) cannot change in place: the mapping is deleted, then created again; its stream position and checkpoints reset (the new mapping starts from its StartingPosition)

            """,
            Describe(changes));
    }

    [TestMethod]
    public void Plan_deletes_owned_undeclared_mappings_only_when_prune_is_on_and_never_deletes_unowned_ones()
    {
        var owned = Live($$$"""{"UUID":"u-owned","EventSourceArn":"{{{QueueArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled"}""", Owned());
        var otherFile = Live($$$"""{"UUID":"u-other","EventSourceArn":"{{{QueueArn}}}-2","FunctionArn":"{{{FunctionArn}}}","State":"Enabled"}""", Owned("billing/billing_lambdaeventsourcedef.json"));
        var unowned = Live($$$"""{"UUID":"u-console","EventSourceArn":"{{{StreamArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled"}""");

        var pruned = Plan(Function(), prune: true, owned, otherFile, unowned);
        var kept = Plan(Function(), prune: false, owned, otherFile, unowned);

        Assert.AreEqual(
            """
            Delete event-source-mapping sqs:orders-queue [u-owned]
              op: {"op":"deleteMapping","uuid":"u-owned"}
              note: created by gitmoxi and no longer declared; prune is on
            Drift event-source-mapping sqs:orders-queue-2 [u-other]
              note: created by gitmoxi for billing/billing_lambdaeventsourcedef.json; only that file's plan removes it
            Drift event-source-mapping kinesis:orders-stream [u-console]
              note: not created by gitmoxi; never removed

            """,
            Describe(pruned));
        Assert.AreEqual(
            """
            Drift event-source-mapping sqs:orders-queue [u-owned]
              note: created by gitmoxi and no longer declared; prune is off
            Drift event-source-mapping sqs:orders-queue-2 [u-other]
              note: created by gitmoxi for billing/billing_lambdaeventsourcedef.json; only that file's plan removes it
            Drift event-source-mapping kinesis:orders-stream [u-console]
              note: not created by gitmoxi; never removed

            """,
            Describe(kept));
    }

    [TestMethod]
    public void Plan_replaces_the_owned_mapping_of_the_old_queue_when_event_source_arn_changes()
    {
        var declared = Declared(EventSourceKind.Sqs, $$$"""{"EventSourceArn":"{{{QueueArn}}}-v2"}""");

        var changes = Plan(Function(declared), prune: false, Live(SqsAsAwsReturnsIt, Owned()));

        Assert.AreEqual(
            $$$$"""
            Replace event-source-mapping sqs:orders-queue-v2 [{{{{Uuid}}}}] @ orders/orders_lambdaeventsourcedef.json(3,5)
              EventSourceArn: "{{{{QueueArn}}}}" -> "{{{{QueueArn}}}}-v2" (forces replacement)
              op: {"op":"replaceMapping","uuid":"{{{{Uuid}}}}","functionArn":"{{{{FunctionArn}}}}","request":{"FunctionName":"{{{{FunctionArn}}}}","EventSourceArn":"{{{{QueueArn}}}}-v2","Tags":{"gitmoxi:definition":"orders/orders_lambdaeventsourcedef.json","gitmoxi:managed-by":"gitmoxi-lambda-sources","gitmoxi:repository":"octo/orders"}}}
              note: EventSourceArn (orders/orders_lambdaeventsourcedef.json(4,7)) cannot change in place: the mapping is deleted, then created again

            """,
            Describe(changes));
    }

    [TestMethod]
    public void Plan_creates_the_new_source_and_leaves_an_unowned_old_mapping_as_drift_when_event_source_arn_changes()
    {
        var declared = Declared(EventSourceKind.Sqs, $$$"""{"EventSourceArn":"{{{QueueArn}}}-v2"}""");

        var changes = Plan(Function(declared), prune: true, Live(SqsAsAwsReturnsIt));

        Assert.AreEqual(
            $"Create event-source-mapping sqs:orders-queue-v2\nDrift event-source-mapping sqs:orders-queue [{Uuid}]\n",
            string.Concat(changes.Changes.Select(c => $"{c.Action} {c.Address}{(c.LiveId is null ? "" : $" [{c.LiveId}]")}\n"))
            + string.Concat(changes.Drift.Select(d => $"Drift {d.Address} [{d.LiveId}]\n")));
    }
}
