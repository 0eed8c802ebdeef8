using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// The rules that depend on the kind of event source (from the botocore documentation of each member),
/// checked after the members' own types and ranges.
/// </summary>
internal sealed class MappingRules(ValidationContext context, SourceObject mapping, string path, EventSourceKind kind)
{
    private const string AtTimestamp = "AT_TIMESTAMP";

    public void Check()
    {
        CheckApplicability();
        CheckStartingPosition();
        CheckBatchSize();
        CheckPartition();
    }

    public static string Describe(EventSourceKind kind) => kind switch
    {
        EventSourceKind.Sqs => "Amazon SQS",
        EventSourceKind.Kinesis => "Kinesis",
        EventSourceKind.DynamoDbStream => "DynamoDB Streams",
        EventSourceKind.Msk => "Amazon MSK",
        EventSourceKind.SelfManagedKafka => "self-managed Kafka",
        EventSourceKind.MQ => "Amazon MQ",
        EventSourceKind.DocumentDb => "DocumentDB",
        _ => kind.ToString(),
    };

    private void CheckApplicability()
    {
        foreach (var property in mapping.Properties)
        {
            if (MappingMemberCatalog.Mapping.Find(property.Name) is not { } member || member.IsAllowedFor(kind))
            {
                continue;
            }

            if (property.Name == "StartingPosition")
            {
                context.Error(DiagnosticCodes.StartingPositionNotAllowed,
                    $"{path}.StartingPosition does not apply to {Describe(kind)} event sources, which always read new messages; remove it.",
                    property.NamePosition);
            }
            else
            {
                var allowed = member.AllowedFor is { } kinds ? string.Join(", ", kinds.Select(Describe)) : "every kind";
                context.Error(DiagnosticCodes.NotAllowedForKind,
                    $"{path}.{property.Name} does not apply to {Describe(kind)} event sources; it applies to {allowed}.", property.NamePosition);
            }
        }

        foreach (var member in MappingMemberCatalog.Mapping.Members.Where(m => m.IsRequiredFor(kind) && mapping.Find(m.Name) is null))
        {
            var (code, message) = member.Name == "StartingPosition"
                ? (DiagnosticCodes.StartingPositionRequired, $"{path}.StartingPosition is required for {Describe(kind)} event sources; allowed values: TRIM_HORIZON, LATEST, AT_TIMESTAMP.")
                : (DiagnosticCodes.RequiredForKind, $"{path}.{member.Name} is required for {Describe(kind)} event sources.");
            context.Error(code, message, mapping.Position);
        }
    }

    private void CheckStartingPosition()
    {
        var position = mapping.Find("StartingPosition");
        var timestamp = mapping.Find("StartingPositionTimestamp");
        if (position is not null && !IsAllowed("StartingPosition"))
        {
            return;
        }

        var value = position?.Value as SourceString;
        if (position is not null && (value is null || !IsValid(position)))
        {
            return;
        }

        if (value?.Value == AtTimestamp)
        {
            if (!IsAllowed("StartingPositionTimestamp"))
            {
                context.Error(DiagnosticCodes.AtTimestampNotSupported,
                    $"{path}.StartingPosition AT_TIMESTAMP is not supported for {Describe(kind)} event sources (only Kinesis, DocumentDB, Amazon MSK and self-managed Kafka); use TRIM_HORIZON or LATEST.",
                    value.Position);
            }
            else if (timestamp is null)
            {
                context.Error(DiagnosticCodes.TimestampRequired,
                    $"{path}.StartingPosition AT_TIMESTAMP needs StartingPositionTimestamp, the time to start reading from.", value.Position);
            }
        }
        else if (timestamp is not null && IsAllowed("StartingPositionTimestamp"))
        {
            context.Error(DiagnosticCodes.TimestampNotAllowed,
                $"{path}.StartingPositionTimestamp is only used with StartingPosition AT_TIMESTAMP.", timestamp.NamePosition);
        }
    }

    private void CheckBatchSize()
    {
        if (kind != EventSourceKind.Sqs || mapping.Find("BatchSize") is not { } batch || !IsValid(batch))
        {
            return;
        }

        var size = ShapeValidator.AsInteger((SourceNumber)batch.Value);
        if (size <= 10)
        {
            return;
        }

        if (Arns.IsFifoQueue((mapping.Find("EventSourceArn")?.Value as SourceString)?.Value))
        {
            context.Error(DiagnosticCodes.FifoBatchSizeTooLarge,
                $"{path}.BatchSize is {size}; FIFO queues take at most 10 messages per batch.", batch.Value.Position);
            return;
        }

        var window = mapping.Find("MaximumBatchingWindowInSeconds");
        if (window is null || (IsValid(window) && ShapeValidator.AsInteger((SourceNumber)window.Value) < 1))
        {
            context.Error(DiagnosticCodes.BatchingWindowRequired,
                $"{path}.BatchSize is {size}; an SQS batch larger than 10 needs MaximumBatchingWindowInSeconds of at least 1.", batch.Value.Position);
        }
    }

    /// <summary>A mapping connects a source and a function of one partition; a function ARN in another names a function it cannot reach.</summary>
    private void CheckPartition()
    {
        if (mapping.Find("EventSourceArn") is not { Value: SourceString source } sourceArn || !IsValid(sourceArn)
            || mapping.Find("FunctionName") is not { Value: SourceString function } functionName || !IsValid(functionName)
            || Arns.Partition(source.Value) is not { } sourcePartition || Arns.Partition(function.Value) is not { } functionPartition
            || sourcePartition == functionPartition)
        {
            return;
        }

        context.Error(DiagnosticCodes.InvalidArn,
            $"{path}.EventSourceArn is in partition '{sourcePartition}' but FunctionName in '{functionPartition}'; a mapping cannot cross partitions.",
            source.Position);
    }

    private bool IsAllowed(string member) => MappingMemberCatalog.Mapping.Find(member)!.IsAllowedFor(kind);

    /// <summary>Whether a member's value passed its own checks (re-checked quietly, so each problem is reported once).</summary>
    private bool IsValid(SourceProperty property) =>
        property.Value is not SourceUnresolved
        && ShapeValidator.Validate(property.Value, MappingMemberCatalog.Mapping.Find(property.Name)!.Shape, path,
            new ValidationContext(context.File, []));
}
