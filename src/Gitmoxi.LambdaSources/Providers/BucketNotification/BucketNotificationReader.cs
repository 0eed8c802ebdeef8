using Gitmoxi.LambdaSources.Aws.S3.Model;

namespace Gitmoxi.LambdaSources.Providers.BucketNotification;

/// <summary>How a bucket's notification configuration could be read.</summary>
internal enum BucketState
{
    Read,
    NotFound,

    /// <summary>In another Region, owned by another account, or not readable with these credentials.</summary>
    Elsewhere,
}

/// <param name="Problem">Why it could not be read (<see cref="BucketState.Elsewhere"/>): the AWS error.</param>
internal sealed record LiveBucket(string Bucket, BucketState State, NotificationConfiguration Configuration, string? Problem)
{
    /// <summary>What apply compares with the bucket's configuration just before it writes.</summary>
    public string Base { get; } = Ownership.Hash(Configuration.Canonical);
}

/// <summary>The buckets one function's S3 sources (declared, or named by this repository's statements) are in.</summary>
internal sealed record BucketNotificationLive(IReadOnlyDictionary<string, LiveBucket> Buckets, string UnqualifiedArn) : IWiringLive
{
    public IEnumerable<string> QualifierKeys =>
        PushSources.QualifierKeysOf(Buckets.Values.SelectMany(b => b.Configuration.Entries).Where(e => e.IsLambda).Select(e => e.Arn).OfType<string>(), UnqualifiedArn);

    public string Fingerprint => string.Join(
        "\n", Buckets.Values.OrderBy(b => b.Bucket, StringComparer.Ordinal).Select(b => $"{b.Bucket} {b.State} {b.Base}"));

    public WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned) => BucketNotificationDiff.Plan(target, this, owned);
}

/// <summary>
/// Reads each bucket's notification configuration once per run (one <c>GetBucketNotificationConfiguration</c> per
/// bucket and account, however many functions name it), with the function's account as the expected bucket owner.
/// </summary>
internal sealed class BucketNotificationReader(AwsClients aws) : IWiringReader
{
    private readonly OnceReader<(string Bucket, string Owner), LiveBucket> buckets = new((key, ct) => ReadBucketAsync(aws, key.Bucket, key.Owner, ct));

    public Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken) =>
        ReadBucketsAsync(target, new Dictionary<string, LiveBucket>(), target.Function.PushSources.OfType<S3PushSource>().Select(s => s.Bucket), cancellationToken);

    public Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken) =>
        ReadBucketsAsync(
            target,
            ((BucketNotificationLive)live).Buckets,
            owned.Where(s => s.Id.Kind == StatementIds.S3Kind).Select(s => PushSources.BucketOf(s.Statement.SourceArn)).OfType<string>(),
            cancellationToken);

    /// <summary>The function's account is the expected owner of every bucket it names.</summary>
    private async Task<IWiringLive> ReadBucketsAsync(PlanTarget target, IReadOnlyDictionary<string, LiveBucket> known, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var owner = PushSources.ArnParts(target.QualifiedArn).Account;
        return new BucketNotificationLive(
            await NamedResources.AddAsync(known, names, (bucket, ct) => buckets.GetAsync((bucket, owner), ct), cancellationToken), target.UnqualifiedArn);
    }

    internal static async Task<LiveBucket> ReadBucketAsync(AwsClients aws, string bucket, string owner, CancellationToken cancellationToken)
    {
        try
        {
            var response = await aws.S3.GetBucketNotificationConfigurationAsync(
                new GetBucketNotificationConfigurationRequest { Bucket = bucket, ExpectedBucketOwner = owner }, cancellationToken);
            return new LiveBucket(bucket, BucketState.Read, response.NotificationConfiguration, null);
        }
        catch (NoSuchBucketException)
        {
            return new LiveBucket(bucket, BucketState.NotFound, NotificationConfiguration.Empty, null);
        }
        catch (AwsServiceException e) when (IsElsewhere(e))
        {
            return new LiveBucket(bucket, BucketState.Elsewhere, NotificationConfiguration.Empty, $"{e.ErrorCode}: {e.Message}");
        }
    }

    /// <summary>
    /// S3's answers for a bucket the function's Region and account cannot use: 301 <c>PermanentRedirect</c> and 400
    /// <c>AuthorizationHeaderMalformed</c> (another Region), 403 <c>AccessDenied</c> (another owner than
    /// <c>x-amz-expected-bucket-owner</c>, or no <c>s3:GetBucketNotification</c>).
    /// </summary>
    private static bool IsElsewhere(AwsServiceException e) =>
        e.ErrorCode is "PermanentRedirect" or "AuthorizationHeaderMalformed" or "AccessDenied" or "IllegalLocationConstraintException" or "Http301" or "Http403";
}
