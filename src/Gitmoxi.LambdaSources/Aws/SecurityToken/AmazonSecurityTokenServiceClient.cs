using static Gitmoxi.LambdaSources.Aws.QueryProtocol;

namespace Gitmoxi.LambdaSources.Aws.SecurityToken;

/// <summary>
/// The two STS operations the engine makes about accounts, on the Query protocol (<c>Version=2011-06-15</c>) over
/// <see cref="AwsRequestSender"/>, so they are signed, retried, paced and sent where the other clients' requests go.
/// (The Action's web-identity exchange, before any engine exists, uses the official AWSSDK.SecurityToken.)
/// </summary>
internal sealed class AmazonSecurityTokenServiceClient(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, ILogger? logger = null)
{
    private readonly QueryProtocol query = new(
        new AwsRequestSender(httpClient, settings, AwsService.Sts, AwsServiceException.Factory(), timeProvider, random: null, logger), "2011-06-15");

    public async Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await query.SendAsync(query.NewForm("GetCallerIdentity"), isIdempotent: true, cancellationToken);
        return new GetCallerIdentityResponse(Text(result, "Account"), Text(result, "Arn"), Text(result, "UserId"));
    }

    /// <remarks>Repeating it after a lost answer only issues another session, so it is retried like a read.</remarks>
    public async Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = query.NewForm("AssumeRole")
            .Add("RoleArn", request.RoleArn)
            .Add("RoleSessionName", request.RoleSessionName)
            .Add("DurationSeconds", request.DurationSeconds?.ToString(CultureInfo.InvariantCulture));
        var result = await query.SendAsync(form, isIdempotent: true, cancellationToken);
        var credentials = Child(result, "Credentials");
        return new AssumeRoleResponse(
            credentials is null ? null : new StsCredentials(Text(credentials, "AccessKeyId"), Text(credentials, "SecretAccessKey"), Text(credentials, "SessionToken")),
            Child(result, "AssumedRoleUser") is { } user ? Text(user, "Arn") : null);
    }
}

internal sealed record GetCallerIdentityRequest;

internal sealed record GetCallerIdentityResponse(string? Account, string? Arn, string? UserId);

internal sealed record AssumeRoleRequest(string RoleArn, string RoleSessionName, int? DurationSeconds = null);

internal sealed record StsCredentials(string? AccessKeyId, string? SecretAccessKey, string? SessionToken);

/// <param name="AssumedRoleArn">The session's ARN (<c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>).</param>
internal sealed record AssumeRoleResponse(StsCredentials? Credentials, string? AssumedRoleArn);
