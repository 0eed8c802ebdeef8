using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using static Gitmoxi.LambdaSources.Tests.Planning.PlanningFixtures;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>Per source kind: what AWS echoes back for each kind must not show up as a change.</summary>
[TestClass]
public sealed class EventSourceKindsPlannerTests
{
    private const string TableStreamArn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000";
    private const string ClusterArn = "arn:aws:kafka:us-east-1:123456789012:cluster/orders-cluster/0b1c2d3e-1111-2222-3333-444455556666-1";
    private const string BrokerArn = "arn:aws:mq:us-east-1:123456789012:broker:orders-broker:b-0b1c2d3e-1111-2222-3333-444455556666";
    private const string DocDbArn = "arn:aws:rds:us-east-1:123456789012:cluster:orders-docdb";

    [TestMethod]
    public void Plan_matches_dynamodb_and_kinesis_timestamps_and_number_formats_as_aws_returns_them()
    {
        var table = Declared(EventSourceKind.DynamoDbStream, $$$"""
            {"EventSourceArn":"{{{TableStreamArn}}}","StartingPosition":"LATEST","BatchSize":100.0,"MaximumRetryAttempts":3}
            """);
        var stream = Declared(EventSourceKind.Kinesis, $$$"""
            {"EventSourceArn":"{{{StreamArn}}}","StartingPosition":"AT_TIMESTAMP","StartingPositionTimestamp":"2026-01-02T03:04:05.5Z"}
            """);
        var liveTable = Live($$$"""
            {"UUID":"u-table","StartingPosition":"LATEST","BatchSize":100,"MaximumBatchingWindowInSeconds":0,"ParallelizationFactor":1,
             "EventSourceArn":"{{{TableStreamArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled","DestinationConfig":{"OnFailure":{}},
             "MaximumRecordAgeInSeconds":-1,"BisectBatchOnFunctionError":false,"MaximumRetryAttempts":3,"TumblingWindowInSeconds":0}
            """, Owned());
        var liveStream = Live($$$"""
            {"UUID":"u-stream","StartingPosition":"AT_TIMESTAMP","StartingPositionTimestamp":1767323045.500,"BatchSize":100,
             "EventSourceArn":"{{{StreamArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabling"}
            """, Owned());

        var changes = Plan(Function(table, stream), prune: false, liveStream, liveTable);

        Assert.AreEqual(
            """
            NoOp event-source-mapping dynamodb:orders [u-table] @ orders/orders_lambdaeventsourcedef.json(3,5)
            NoOp event-source-mapping kinesis:orders-stream [u-stream] @ orders/orders_lambdaeventsourcedef.json(3,5)

            """,
            Describe(changes));
    }

    [TestMethod]
    public void Plan_creates_kinesis_mappings_with_the_timestamp_as_epoch_seconds()
    {
        var stream = Declared(EventSourceKind.Kinesis, $$$"""
            {"EventSourceArn":"{{{StreamArn}}}","StartingPosition":"AT_TIMESTAMP","StartingPositionTimestamp":"2026-01-02T03:04:05Z"}
            """);

        var create = (CreateMapping)Plan(Function(stream), prune: false).Changes.Single().Operation!;

        Assert.AreEqual("1767323045", create.Request["StartingPositionTimestamp"]!.ToJsonString());
    }

    [TestMethod]
    public void Plan_ignores_the_generated_msk_consumer_group_but_replaces_when_a_declared_one_changes()
    {
        const string schemaRegistry = """{"SchemaRegistryURI":"arn:aws:glue:us-east-1:123456789012:registry/orders","EventRecordFormat":"JSON","SchemaValidationConfigs":[{"Attribute":"VALUE"},{"Attribute":"KEY"}]}""";
        var onlySchema = Declared(EventSourceKind.Msk, $$$"""
            {"EventSourceArn":"{{{ClusterArn}}}","Topics":["orders"],"StartingPosition":"TRIM_HORIZON",
             "AmazonManagedKafkaEventSourceConfig":{"SchemaRegistryConfig":{{{schemaRegistry}}}}}
            """);
        var withGroup = Declared(EventSourceKind.Msk, $$$"""
            {"EventSourceArn":"{{{ClusterArn}}}","Topics":["orders"],"StartingPosition":"TRIM_HORIZON",
             "AmazonManagedKafkaEventSourceConfig":{"ConsumerGroupId":"orders-consumers"}}
            """);
        var live = Live($$$"""
            {"UUID":"u-msk","StartingPosition":"TRIM_HORIZON","BatchSize":100,"MaximumBatchingWindowInSeconds":0,
             "EventSourceArn":"{{{ClusterArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled","Topics":["orders"],
             "AmazonManagedKafkaEventSourceConfig":{"ConsumerGroupId":"3f2e1d0c-generated",
               "SchemaRegistryConfig":{"SchemaRegistryURI":"arn:aws:glue:us-east-1:123456789012:registry/orders","EventRecordFormat":"JSON","SchemaValidationConfigs":[{"Attribute":"KEY"},{"Attribute":"VALUE"}]} } }
            """, Owned());

        Assert.AreEqual(
            "NoOp event-source-mapping msk:orders-cluster/orders [u-msk] @ orders/orders_lambdaeventsourcedef.json(3,5)\n",
            Describe(Plan(Function(onlySchema), prune: false, live)));
        Assert.AreEqual(
            """
            Replace event-source-mapping msk:orders-cluster/orders [u-msk] @ orders/orders_lambdaeventsourcedef.json(3,5)
              AmazonManagedKafkaEventSourceConfig.ConsumerGroupId: "3f2e1d0c-generated" -> "orders-consumers" (forces replacement)

            """,
            Describe(Plan(Function(withGroup), prune: false, live)).Split("  op:")[0]);
    }

    [TestMethod]
    public void Plan_matches_self_managed_kafka_by_bootstrap_server_set_and_topic()
    {
        var declared = Declared(EventSourceKind.SelfManagedKafka, """
            {"SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b2.example.com:9092","b1.example.com:9092"]}},
             "Topics":["orders"],"StartingPosition":"LATEST","BatchSize":500,
             "SourceAccessConfigurations":[{"Type":"SASL_SCRAM_512_AUTH","URI":"arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka"},{"Type":"VPC_SUBNET","URI":"subnet:subnet-1"}]}
            """);
        var live = Live($$$"""
            {"UUID":"u-kafka","StartingPosition":"LATEST","BatchSize":100,"FunctionArn":"{{{FunctionArn}}}","State":"Enabled",
             "Topics":["orders"],"SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b1.example.com:9092","b2.example.com:9092"]}},
             "SourceAccessConfigurations":[{"URI":"subnet:subnet-1","Type":"VPC_SUBNET"},{"Type":"SASL_SCRAM_512_AUTH","URI":"arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka"}],
             "SelfManagedKafkaEventSourceConfig":{"ConsumerGroupId":"generated-group"}}
            """, Owned());

        Assert.AreEqual(
            """
            Update event-source-mapping kafka:b1.example.com:9092/orders [u-kafka] @ orders/orders_lambdaeventsourcedef.json(3,5)
              BatchSize: 100 -> 500
              op: {"op":"updateMapping","uuid":"u-kafka","mappingArn":"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-kafka","update":{"BatchSize":500},"tags":{"set":{},"remove":[]}}

            """,
            Describe(Plan(Function(declared), prune: false, live)));
    }

    [TestMethod]
    public void Plan_replaces_the_owned_self_managed_kafka_mapping_when_its_topic_changes()
    {
        var declared = Declared(EventSourceKind.SelfManagedKafka, """
            {"SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b1.example.com:9092"]}},"Topics":["orders-v2"],"StartingPosition":"LATEST"}
            """);
        var live = Live($$$"""
            {"UUID":"u-kafka","StartingPosition":"LATEST","FunctionArn":"{{{FunctionArn}}}","State":"Enabled","Topics":["orders"],
             "SelfManagedEventSource":{"Endpoints":{"KAFKA_BOOTSTRAP_SERVERS":["b1.example.com:9092"]} } }
            """, Owned());

        Assert.AreEqual(
            """
            Replace event-source-mapping kafka:b1.example.com:9092/orders-v2 [u-kafka] @ orders/orders_lambdaeventsourcedef.json(3,5)
              Topics: ["orders"] -> ["orders-v2"] (forces replacement)

            """,
            Describe(Plan(Function(declared), prune: false, live)).Split("  op:")[0]);
    }

    [TestMethod]
    public void Plan_replaces_an_mq_mapping_when_its_queue_changes_and_notes_the_kafka_style_batching_window()
    {
        var declared = Declared(EventSourceKind.MQ, $$$"""
            {"EventSourceArn":"{{{BrokerArn}}}","Queues":["orders-v2"],
             "SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"arn:aws:secretsmanager:us-east-1:123456789012:secret:mq"}]}
            """);
        var live = Live($$$"""
            {"UUID":"u-mq","BatchSize":100,"MaximumBatchingWindowInSeconds":30,"EventSourceArn":"{{{BrokerArn}}}",
             "FunctionArn":"{{{FunctionArn}}}","State":"Enabled","Queues":["orders"],
             "SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"arn:aws:secretsmanager:us-east-1:123456789012:secret:mq"}]}
            """, Owned());

        Assert.AreEqual(
            $$$$"""
            Replace event-source-mapping mq:orders-broker/orders-v2 [u-mq] @ orders/orders_lambdaeventsourcedef.json(3,5)
              Queues: ["orders"] -> ["orders-v2"] (forces replacement)
              op: {"op":"replaceMapping","uuid":"u-mq","functionArn":"{{{{FunctionArn}}}}","request":{"FunctionName":"{{{{FunctionArn}}}}","EventSourceArn":"{{{{BrokerArn}}}}","Queues":["orders-v2"],"SourceAccessConfigurations":[{"Type":"BASIC_AUTH","URI":"arn:aws:secretsmanager:us-east-1:123456789012:secret:mq"}],"Tags":{"gitmoxi:definition":"orders/orders_lambdaeventsourcedef.json","gitmoxi:managed-by":"gitmoxi-lambda-sources","gitmoxi:repository":"octo/orders"}}}
              note: MaximumBatchingWindowInSeconds is 30 on the live mapping but not declared: AWS cannot restore the 500 ms default batching window in place; declare it, or recreate the mapping to reset it
              note: Queues (orders/orders_lambdaeventsourcedef.json(5,7)) cannot change in place: the mapping is deleted, then created again

            """,
            Describe(Plan(Function(declared), prune: false, live)));
    }

    [TestMethod]
    public void Plan_resets_a_removed_documentdb_full_document_and_keeps_the_other_members()
    {
        var declared = Declared(EventSourceKind.DocumentDb, $$$"""
            {"EventSourceArn":"{{{DocDbArn}}}","StartingPosition":"LATEST",
             "DocumentDBEventSourceConfig":{"DatabaseName":"shop","CollectionName":"orders"}}
            """);
        var live = Live($$$"""
            {"UUID":"u-docdb","StartingPosition":"LATEST","BatchSize":100,"EventSourceArn":"{{{DocDbArn}}}",
             "FunctionArn":"{{{FunctionArn}}}","State":"Updating",
             "DocumentDBEventSourceConfig":{"DatabaseName":"shop","CollectionName":"orders","FullDocument":"UpdateLookup"}}
            """, Owned());

        Assert.AreEqual(
            """
            Update event-source-mapping docdb:orders-docdb [u-docdb] @ orders/orders_lambdaeventsourcedef.json(3,5)
              DocumentDBEventSourceConfig.FullDocument: "UpdateLookup" -> "Default" (default)
              op: {"op":"updateMapping","uuid":"u-docdb","mappingArn":"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-docdb","update":{"DocumentDBEventSourceConfig":{"DatabaseName":"shop","CollectionName":"orders","FullDocument":"Default"}},"tags":{"set":{},"remove":[]}}
              note: the mapping is Updating: apply waits until it settles; Enabled is compared once it is Enabled or Disabled

            """,
            Describe(Plan(Function(declared), prune: false, live)));
    }

    [TestMethod]
    public void Plan_orders_deletes_and_replaces_before_updates_before_creates_and_retargets_another_qualifier()
    {
        var replaced = Declared(EventSourceKind.Kinesis, $$$"""{"EventSourceArn":"{{{StreamArn}}}","StartingPosition":"LATEST"}""");
        var updated = Declared(EventSourceKind.Sqs, $$$"""{"EventSourceArn":"{{{QueueArn}}}"}""");
        var created = Declared(EventSourceKind.DynamoDbStream, $$$"""{"EventSourceArn":"{{{TableStreamArn}}}","StartingPosition":"LATEST"}""");
        var liveStream = Live($$$"""{"UUID":"u-stream","StartingPosition":"TRIM_HORIZON","EventSourceArn":"{{{StreamArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled"}""", Owned());
        var liveQueue = Live($$$"""{"UUID":"u-queue","EventSourceArn":"{{{QueueArn}}}","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:orders:beta","State":"Enabled"}""", Owned());
        var liveGone = Live($$$"""{"UUID":"u-gone","EventSourceArn":"{{{QueueArn}}}-old","FunctionArn":"{{{FunctionArn}}}","State":"Enabled"}""", Owned());

        var changes = Plan(Function(created, updated, replaced), prune: true, liveQueue, liveStream, liveGone);

        Assert.AreEqual(
            """
            Delete event-source-mapping sqs:orders-queue-old [u-gone]
            Replace event-source-mapping kinesis:orders-stream [u-stream]
            Update event-source-mapping sqs:orders-queue [u-queue]
              FunctionName: "arn:aws:lambda:us-east-1:123456789012:function:orders:beta" -> "arn:aws:lambda:us-east-1:123456789012:function:orders:live"
            Create event-source-mapping dynamodb:orders

            """,
            string.Concat(changes.Changes.Select(c =>
                $"{c.Action} {c.Address}{(c.LiveId is null ? "" : $" [{c.LiveId}]")}\n"
                + string.Concat(c.Action == ChangeAction.Update ? c.Fields.Select(f => $"  {f.Field}: {f.Before} -> {f.After}\n") : []))));
    }

    [TestMethod]
    public void Plan_matches_each_msk_mapping_of_one_cluster_by_its_topic()
    {
        var orders = Declared(EventSourceKind.Msk, $$$"""{"EventSourceArn":"{{{ClusterArn}}}","Topics":["orders"],"StartingPosition":"LATEST"}""");
        var refunds = Declared(EventSourceKind.Msk, $$$"""{"EventSourceArn":"{{{ClusterArn}}}","Topics":["refunds"],"StartingPosition":"LATEST"}""");
        var liveRefunds = Live($$$"""{"UUID":"u-refunds","StartingPosition":"LATEST","EventSourceArn":"{{{ClusterArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled","Topics":["refunds"]}""", Owned());
        var liveOrders = Live($$$"""{"UUID":"u-orders","StartingPosition":"LATEST","EventSourceArn":"{{{ClusterArn}}}","FunctionArn":"{{{FunctionArn}}}","State":"Enabled","Topics":["orders"]}""", Owned());

        var changes = Plan(Function(orders, refunds), prune: false, liveRefunds, liveOrders);

        Assert.AreEqual(
            """
            NoOp event-source-mapping msk:orders-cluster/orders [u-orders] @ orders/orders_lambdaeventsourcedef.json(3,5)
            NoOp event-source-mapping msk:orders-cluster/refunds [u-refunds] @ orders/orders_lambdaeventsourcedef.json(3,5)

            """,
            Describe(changes));
    }
}
