using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws.SecurityToken;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// What a run asks STS about accounts, in the run's Region with the run's credentials: the account of those credentials
/// (<c>GetCallerIdentity</c>), and the credentials of a role for another account (<c>AssumeRole</c> from the run's
/// credentials: role chaining, so one trust relationship serves both hosts, wherever their credentials came from).
/// </summary>
internal sealed class AccountCredentials(AmazonSecurityTokenServiceClient sts, ILogger logger)
{
    /// <summary>Role chaining caps a session at one hour, which is also STS's default.</summary>
    private const int SessionSeconds = 3600;

    private const string SessionName = "gitmoxi-lambda-sources";

    /// <exception cref="GitmoxiException">GMX6114 when STS does not answer with an account.</exception>
    public async Task<string> CallerAccountAsync(CancellationToken cancellationToken)
    {
        try
        {
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            return identity.Account ?? throw new GitmoxiException(DiagnosticCodes.CallerIdentityUnknown, "STS GetCallerIdentity answered without an account.");
        }
        catch (AwsException e)
        {
            throw new GitmoxiException(DiagnosticCodes.CallerIdentityUnknown,
                $"Reading the account of the run's credentials (sts:GetCallerIdentity) failed: {e.Describe()}", e);
        }
    }

    /// <exception cref="GitmoxiException">GMX6113 when STS refuses, or the role it gives is in another account.</exception>
    public async Task<AWSCredentials> AssumeAsync(string account, string roleArn, CancellationToken cancellationToken)
    {
        AssumeRoleResponse response;
        try
        {
            response = await sts.AssumeRoleAsync(new AssumeRoleRequest(roleArn, SessionName, SessionSeconds), cancellationToken);
        }
        catch (AwsException e)
        {
            throw new GitmoxiException(DiagnosticCodes.AccountRoleNotAssumed,
                $"Could not assume {roleArn} for the account {account}: {e.Describe()} (its trust policy must allow sts:AssumeRole by the run's own role or user).", e);
        }

        var assumedAccount = response.AssumedRoleArn?.Split(':') is { Length: > 4 } parts ? parts[4] : null;
        if (response.Credentials is not { AccessKeyId: { } keyId, SecretAccessKey: { } secret, SessionToken: { } token } || assumedAccount != account)
        {
            throw new GitmoxiException(DiagnosticCodes.AccountRoleNotAssumed,
                $"Assuming {roleArn} gave {(response.Credentials is null ? "no credentials" : $"a session in the account {assumedAccount ?? "(unknown)"}")}, not one in the account {account}.");
        }

        Progress.AssumedRole(logger, roleArn, account);
        return new SessionAWSCredentials(keyId, secret, token);
    }
}
