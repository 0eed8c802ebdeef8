using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.Action.Credentials;

/// <summary>
/// GitHub OIDC token → STS <c>AssumeRoleWithWebIdentity</c> → session credentials. Errors are classified
/// instead of retried wholesale (configure-aws-credentials retries everything, so a wrong audience or trust
/// policy takes minutes to fail): only throttling, 5xx, <c>IDPCommunicationError</c> and network faults are
/// retried; a rejected or expired token is replaced by a fresh one once; anything else fails at once.
/// </summary>
public sealed class WebIdentityRoleAssumer(IOidcTokenSource tokens, SecretMasker masker, Backoff retry, TextWriter log)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public async Task<AWSCredentials> AssumeRoleAsync(RoleSettings role, string region, string endpoint, CancellationToken cancellationToken)
    {
        using var sts = CreateClient(region, endpoint);
        var token = await tokens.GetTokenAsync(role.Audience, cancellationToken);
        var tokenRefreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await sts.AssumeRoleWithWebIdentityAsync(
                    new AssumeRoleWithWebIdentityRequest
                    {
                        RoleArn = role.RoleArn,
                        RoleSessionName = role.SessionName,
                        DurationSeconds = role.DurationSeconds,
                        WebIdentityToken = token,
                    },
                    cancellationToken);
                return Accept(response);
            }
            catch (AmazonServiceException e) when (e.ErrorCode is "InvalidIdentityToken" or "ExpiredTokenException" && !tokenRefreshed)
            {
                // GitHub's tokens live about five minutes and STS may see one as not yet valid or already expired.
                log.WriteLine($"STS refused the OIDC token ({e.ErrorCode}: {e.Message}); retrying once with a fresh token.");
                tokenRefreshed = true;
                token = await tokens.GetTokenAsync(role.Audience, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken) && retry.AllowsRetry(attempt))
            {
                var delay = retry.Delay(attempt);
                log.WriteLine($"AssumeRoleWithWebIdentity attempt {attempt} of {retry.MaxAttempts} failed ({Describe(e)}); retrying in {delay.TotalMilliseconds:F0} ms.");
                await Task.Delay(delay, cancellationToken);
            }
            catch (Exception e) when (e is AmazonServiceException || IsTransient(e, cancellationToken))
            {
                throw new GitmoxiException(DiagnosticCodes.RoleNotAssumed, $"Could not assume role {role.RoleArn} with OIDC: {Describe(e)}{Hint(e, role)}", e);
            }
        }
    }

    /// <summary>Masks all three parts before anything else touches them.</summary>
    private SessionAWSCredentials Accept(AssumeRoleWithWebIdentityResponse response)
    {
        var credentials = response.Credentials
            ?? throw new GitmoxiException(DiagnosticCodes.RoleNotAssumed, "STS AssumeRoleWithWebIdentity returned no credentials.");
        masker.Register(credentials.AccessKeyId);
        masker.Register(credentials.SecretAccessKey);
        masker.Register(credentials.SessionToken);
        log.WriteLine($"Assumed role {response.AssumedRoleUser?.Arn ?? "(unknown)"}.");
        return new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
    }

    /// <summary>
    /// Unsigned (as the SDK's own web identity provider does), so no other credential source is consulted;
    /// the SDK's retries are off because this class owns the retry policy. <paramref name="endpoint"/> is always
    /// given (the engine's endpoint resolution), so STS never resolves differently from the other clients.
    /// </summary>
    private static AmazonSecurityTokenServiceClient CreateClient(string region, string endpoint) =>
        new(new AnonymousAWSCredentials(), new AmazonSecurityTokenServiceConfig
        {
            MaxErrorRetry = 0,
            Timeout = CallTimeout,
            IgnoreConfiguredEndpointUrls = true,
            ServiceURL = endpoint,
            AuthenticationRegion = region,
        });

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        AmazonServiceException service => (int)service.StatusCode >= 500
            || service.StatusCode == HttpStatusCode.TooManyRequests
            || service.ErrorCode is "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "IDPCommunicationError"
            || (service.StatusCode == 0 && service.InnerException is not null && IsTransient(service.InnerException, cancellationToken)),
        HttpRequestException or IOException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception e) => e is AmazonServiceException { ErrorCode.Length: > 0 } service
        ? $"{service.ErrorCode}: {service.Message}"
        : e.Message;

    private static string Hint(Exception e, RoleSettings role) => (e as AmazonServiceException)?.ErrorCode switch
    {
        "AccessDenied" => $" (check the role's trust policy: its token conditions must match this repository's `sub` and the audience '{role.Audience}')",
        "InvalidIdentityToken" => $" (check that the account has an IAM OIDC provider for token.actions.githubusercontent.com with audience '{role.Audience}')",
        _ => "",
    };
}
