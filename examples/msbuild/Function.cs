namespace Orders;

/// <summary>Receives batches of order messages from the queue that _lambdaeventsourcedef.json wires to it.</summary>
public sealed class Function
{
    public int Handle(SqsBatch batch) => batch.Records.Count;
}

public sealed record SqsBatch(IReadOnlyList<SqsMessage> Records);

public sealed record SqsMessage(string MessageId, string Body);
