namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>ARN facts the validators share.</summary>
internal static class Arns
{
    /// <summary>
    /// The partition a Region belongs to, from its prefix (<see href="https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html">AWS partitions</see>):
    /// China Regions are <c>cn-*</c>, GovCloud <c>us-gov-*</c>, the ISO partitions <c>us-iso-*</c> and <c>us-isob-*</c>, every other Region <c>aws</c>.
    /// </summary>
    public static string PartitionOfRegion(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ when region.StartsWith("us-isob-", StringComparison.Ordinal) => "aws-iso-b",
        _ when region.StartsWith("us-iso-", StringComparison.Ordinal) => "aws-iso",
        _ => "aws",
    };

    /// <summary>The partition of an ARN, or null when the text is not an ARN.</summary>
    public static string? Partition(string arn) =>
        arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':', 3) is [_, var partition, _] ? partition : null;
}
