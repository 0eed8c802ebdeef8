using Gitmoxi.LambdaSources.Aws.S3.Model;

namespace Gitmoxi.LambdaSources.Providers.BucketNotification;

/// <summary>
/// S3 bucket notifications to Lambda: read by <see cref="BucketNotificationReader"/>, diffed by
/// <see cref="BucketNotificationDiff"/>, applied here. <c>PutBucketNotificationConfiguration</c> replaces a bucket's
/// whole configuration, so each write reads the configuration again just before, refuses when it is not the one the
/// plan was made from (or the one this apply wrote since), changes only this repository's configuration and writes
/// every other element back as it was read. Writes to one bucket are serialized for the whole apply.
/// </summary>
internal sealed class BucketNotificationProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new BucketNotificationReader(aws);

    public bool Handles(ChangeOperation operation) => operation is PutBucketNotification or RemoveBucketNotification;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        var (bucket, owner, planned) = operation switch
        {
            PutBucketNotification put => (put.Bucket, put.ExpectedBucketOwner, put.Base),
            RemoveBucketNotification remove => (remove.Bucket, remove.ExpectedBucketOwner, remove.Base),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a bucket notification operation."),
        };
        using var held = await context.Locks.AcquireAsync("s3 bucket " + bucket, cancellationToken);
        var current = await BucketNotificationReader.ReadBucketAsync(context.Aws, bucket, owner, cancellationToken);
        if (current.State != BucketState.Read)
        {
            throw new GitmoxiException(DiagnosticCodes.BucketNotFound, $"the bucket {bucket} can no longer be read ({current.Problem ?? "it does not exist"}); nothing was written");
        }

        var written = context.Written.TryGetValue(WrittenKey(bucket), out var w) ? w : ((string Planned, string Latest)?)null;
        if (current.Base != planned && !(written is { } was && was.Planned == planned && was.Latest == current.Base))
        {
            throw new GitmoxiException(
                DiagnosticCodes.BucketChangedMeanwhile,
                $"the notification configuration of bucket {bucket} changed since the plan was made; nothing was written, so no change of someone else's is lost. Plan again.");
        }

        var next = operation switch
        {
            PutBucketNotification put => WithConfiguration(current.Configuration, put),
            _ => new NotificationConfiguration([.. current.Configuration.Entries.Where(e => !(e.IsLambda && e.Id == ((RemoveBucketNotification)operation).Id))]),
        };
        RefuseOverlap(bucket, next);
        if (next.Canonical != current.Configuration.Canonical)
        {
            await PutAsync(context, bucket, owner, next, cancellationToken);
            current = await BucketNotificationReader.ReadBucketAsync(context.Aws, bucket, owner, cancellationToken);
        }

        var record = (written?.Planned ?? planned, current.Base);
        context.Written.AddOrUpdate(WrittenKey(bucket), record, (_, _) => record);
        return null;
    }

    private static string WrittenKey(string bucket) => "s3 " + bucket;

    /// <summary>Ours in place (by id, or in place of the configuration it adopts); else added after the last Lambda configuration.</summary>
    private static NotificationConfiguration WithConfiguration(NotificationConfiguration current, PutBucketNotification put)
    {
        var wanted = put.Configuration;
        var entry = NotificationEntry.Lambda(wanted.Id, wanted.LambdaFunctionArn, wanted.Events, wanted.FilterRules);
        var entries = current.Entries.ToList();
        var at = entries.FindIndex(e => e.IsLambda && e.Id == wanted.Id);
        if (at < 0 && put.Replaces is { } replaced)
        {
            at = entries.FindIndex(e => e.IsLambda && e.Id == replaced);
        }

        if (at >= 0)
        {
            entries[at] = entry;
            entries.RemoveAll(e => e != entry && e.IsLambda && (e.Id == wanted.Id || e.Id == put.Replaces));
        }
        else
        {
            var last = entries.FindLastIndex(e => e.IsLambda);
            var eventBridge = entries.FindIndex(e => e.Element == "EventBridgeConfiguration");
            entries.Insert(last >= 0 ? last + 1 : eventBridge >= 0 ? eventBridge : entries.Count, entry);
        }

        return new NotificationConfiguration(entries);
    }

    /// <summary>The rule S3 refuses a write by, checked on what would be written, so nothing is sent that S3 would refuse.</summary>
    private static void RefuseOverlap(string bucket, NotificationConfiguration next)
    {
        var destinations = next.Entries.Where(e => e.Element != "EventBridgeConfiguration").ToList();
        for (var i = 0; i < destinations.Count; i++)
        {
            for (var j = i + 1; j < destinations.Count; j++)
            {
                if (BucketNotificationDiff.Overlap(destinations[i].Events, destinations[i].FilterRules, destinations[j].Events, destinations[j].FilterRules))
                {
                    throw new GitmoxiException(
                        DiagnosticCodes.S3ConfigurationsOverlap,
                        $"the configurations '{destinations[i].Id}' and '{destinations[j].Id}' of bucket {bucket} would share an event type for overlapping keys, which S3 refuses; nothing was written");
                }
            }
        }
    }

    /// <summary>
    /// S3 checks the destination when the configuration is written
    /// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html) and refuses with
    /// <c>InvalidArgument</c> "Unable to validate the following destination configurations" while the statement propagates.
    /// </summary>
    private static Task PutAsync(ApplyContext context, string bucket, string owner, NotificationConfiguration next, CancellationToken cancellationToken) =>
        PermissionPropagation.RetryAsync<AwsServiceException>(
            context,
            bucket,
            () => context.Aws.S3.PutBucketNotificationConfigurationAsync(
                new PutBucketNotificationConfigurationRequest { Bucket = bucket, ExpectedBucketOwner = owner, NotificationConfiguration = next }, cancellationToken),
            e => e.ErrorCode == "InvalidArgument" && e.Message.Contains("validate", StringComparison.OrdinalIgnoreCase),
            cancellationToken);
}
