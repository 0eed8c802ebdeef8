using Gitmoxi.LambdaSources.Aws.S3.Model;

namespace Gitmoxi.LambdaSources.Providers.BucketNotification;

/// <summary>One <c>LambdaFunctionConfiguration</c> as the tool writes it.</summary>
/// <param name="Id"><c>gitmoxi-{repository hash}-{digest}</c> (<see cref="BucketNotificationDiff.ConfigurationId"/>).</param>
internal sealed record LambdaNotification(string Id, string LambdaFunctionArn, IReadOnlyList<string> Events, IReadOnlyList<FilterRule> FilterRules);

/// <summary>
/// Writes <see cref="Configuration"/> into the bucket's notification configuration: in place of the configuration with
/// its id, or of <see cref="Replaces"/> (an identical configuration adopted under this repository's id), else added.
/// Every other configuration is written back as it was read. Refused when the bucket's configuration is no longer
/// the one planned from (<see cref="Base"/>).
/// </summary>
/// <param name="ExpectedBucketOwner">The function's account: S3 refuses the calls for a bucket another account owns.</param>
/// <param name="Base">The hash of the bucket's configuration the plan was made from.</param>
internal sealed record PutBucketNotification(string Bucket, string ExpectedBucketOwner, string Base, LambdaNotification Configuration, string? Replaces)
    : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.Wire;
}

/// <summary>Removes this repository's configuration <see cref="Id"/> from the bucket; every other one stays as it was.</summary>
internal sealed record RemoveBucketNotification(string Bucket, string ExpectedBucketOwner, string Base, string Id) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RemoveWiring;
}
