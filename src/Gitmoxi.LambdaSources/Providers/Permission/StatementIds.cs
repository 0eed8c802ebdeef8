using System.Security.Cryptography;

namespace Gitmoxi.LambdaSources.Providers.Permission;

/// <summary>
/// Statement ids are the record of who owns a push-source permission: <c>gitmoxi-{kind}-{repository hash}-{source}</c>,
/// inside Lambda's <c>[a-zA-Z0-9-_]{1,100}</c>. The previous version wrote <c>gitmoxi-{kind}-{source}</c> (no
/// repository): such statements are migrated when their source is declared, and otherwise left alone as drift.
/// </summary>
internal static class StatementIds
{
    /// <summary>Every statement id the tool writes starts so.</summary>
    public const string OwnedPrefix = "gitmoxi-";
    public const string ElbKind = "elb";
    public const string ApiGatewayKind = "apigw";
    public const string S3Kind = "s3";
    public const string RestApiKind = "rest";
    public const string SnsKind = "sns";
    public const string EventsKind = "events";
    public const string LogsKind = "logs";

    /// <summary><c>gitmoxi-elb-{repo}-</c> + 16 hex digits of the SHA-256 of the target group ARN, whatever the ARN holds.</summary>
    public static string Elb(OwnerIdentity owner, string targetGroupArn) =>
        $"{OwnedPrefix}{ElbKind}-{Owner(owner)}-{TargetGroupDigest(targetGroupArn)}";

    /// <summary><c>gitmoxi-apigw-{repo}-{apiId}-{routeId}</c>; API and route ids are short alphanumerics.</summary>
    public static string ApiGateway(OwnerIdentity owner, string apiId, string routeId) =>
        $"{OwnedPrefix}{ApiGatewayKind}-{Owner(owner)}-{apiId}-{routeId}";

    /// <summary><c>gitmoxi-s3-{repo}-</c> + 16 hex digits of the SHA-256 of the bucket name: one statement per bucket and qualifier.</summary>
    public static string S3(OwnerIdentity owner, string bucket) => $"{OwnedPrefix}{S3Kind}-{Owner(owner)}-{TargetGroupDigest(bucket)}";
    /// <summary><c>gitmoxi-rest-{repo}-{restApiId}-{resourceId}-{METHOD}</c>; ids are short alphanumerics, the method a verb or ANY.</summary>
    public static string RestApi(OwnerIdentity owner, string restApiId, string resourceId, string httpMethod) =>
        $"{OwnedPrefix}{RestApiKind}-{Owner(owner)}-{restApiId}-{resourceId}-{httpMethod}";

    /// <summary>
    /// <c>gitmoxi-{kind}-{repo}-</c> + 16 hex digits of the SHA-256 of the source's ARN (<see cref="SnsKind"/>: the topic,
    /// <see cref="EventsKind"/>: the rule, <see cref="LogsKind"/>: the log group): a kind the previous version never wrote.
    /// </summary>
    public static string OfSource(string kind, OwnerIdentity owner, string sourceArn) =>
        $"{OwnedPrefix}{kind}-{Owner(owner)}-{TargetGroupDigest(sourceArn)}";

    /// <summary>The id the previous version gave the statement of this target group.</summary>
    public static string LegacyElb(string targetGroupArn) => $"{OwnedPrefix}{ElbKind}-{TargetGroupDigest(targetGroupArn)}";

    /// <summary>The id the previous version gave the statement of this route.</summary>
    public static string LegacyApiGateway(string apiId, string routeId) => $"{OwnedPrefix}{ApiGatewayKind}-{apiId}-{routeId}";

    /// <summary>The parts of a statement id the tool wrote; null for any other id.</summary>
    public static StatementIdParts? Parse(string sid)
    {
        ArgumentNullException.ThrowIfNull(sid);
        if (!sid.StartsWith(OwnedPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = sid[OwnedPrefix.Length..].Split('-');
        return (parts[0], parts.Length) switch
        {
            (ElbKind, 2) => new StatementIdParts(ElbKind, null, parts[1]),
            (ElbKind, 3) => new StatementIdParts(ElbKind, parts[1], parts[2]),
            (ApiGatewayKind, 3) => new StatementIdParts(ApiGatewayKind, null, parts[1] + "-" + parts[2]),
            (ApiGatewayKind, 4) => new StatementIdParts(ApiGatewayKind, parts[1], parts[2] + "-" + parts[3]),
            (S3Kind, 3) => new StatementIdParts(S3Kind, parts[1], parts[2]),
            (RestApiKind, 5) => new StatementIdParts(RestApiKind, parts[1], string.Join('-', parts.Skip(2))),
            (SnsKind or EventsKind or LogsKind, 3) => new StatementIdParts(parts[0], parts[1], parts[2]),
            _ => new StatementIdParts(parts[0], null, string.Join('-', parts.Skip(1))),
        };
    }

    private static string Owner(OwnerIdentity owner) => owner.RepositoryHash;

    private static string TargetGroupDigest(string targetGroupArn) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(targetGroupArn)))[..16].ToLowerInvariant();
}

/// <param name="Kind"><c>elb</c> or <c>apigw</c>.</param>
/// <param name="RepositoryHash">The owning repository's hash; null for an id of the previous version.</param>
/// <param name="Source">What names the source: the target group digest, or <c>{apiId}-{routeId}</c>.</param>
internal sealed record StatementIdParts(string Kind, string? RepositoryHash, string Source)
{
    public bool IsLegacy => RepositoryHash is null;
}
