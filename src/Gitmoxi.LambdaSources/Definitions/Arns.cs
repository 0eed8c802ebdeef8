using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>ARN facts the validators share.</summary>
internal static class Arns
{
    /// <summary>
    /// The partition a Region belongs to, from the partition data AWSSDK.Core carries (the same data the endpoint
    /// resolution uses, <see cref="Aws.AwsEndpointConfiguration"/>): <c>aws-cn</c> for <c>cn-*</c>, <c>aws-us-gov</c>
    /// for <c>us-gov-*</c>, <c>aws-iso</c>, <c>aws-iso-b</c>, <c>aws-iso-e</c> and <c>aws-iso-f</c> for <c>us-iso-*</c>,
    /// <c>us-isob-*</c>, <c>eu-isoe-*</c> and <c>us-isof-*</c>, <c>aws-eusc</c> for <c>eusc-*</c>, and <c>aws</c> otherwise.
    /// </summary>
    public static string PartitionOfRegion(string region) => Fn.Partition(region).name;

    /// <summary>The partition of an ARN, or null when the text is not an ARN.</summary>
    public static string? Partition(string arn) =>
        arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':', 3) is [_, var partition, _] ? partition : null;

    /// <summary>An SQS FIFO queue: its ARN (and name) ends with <c>.fifo</c>.</summary>
    public static bool IsFifoQueue(string? arn) =>
        arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':') is [_, _, "sqs", ..] && arn.EndsWith(".fifo", StringComparison.Ordinal);
}
