using System.Web;

namespace Gitmoxi.Action.Tests.Support;

/// <summary>
/// The two services the credentials step talks to: GitHub's OIDC token endpoint (tokens <c>oidc-jwt-1</c>,
/// <c>oidc-jwt-2</c>, … in order) and STS, whose answer to each AssumeRoleWithWebIdentity call is scripted.
/// </summary>
internal sealed class FakeGitHubAndSts : IDisposable
{
    public const string RequestToken = "runner-request-token-0123456789";
    public const string AccessKeyId = "ASIAFAKEACCESSKEY0001";
    public const string SecretAccessKey = "fakeSecretAccessKey/0123456789+abcdefghij";
    public const string SessionToken = "FwoGZXIvYXdzEFAKESESSIONTOKEN0123456789abcdefghijklmnopqrstuvwxyz==";
    public const string RoleArn = "arn:aws:iam::123456789012:role/deploy";

    private int _tokensIssued;

    public FakeGitHubAndSts(params Func<LoopbackServer.Response>[] stsAnswers)
    {
        var answers = new Queue<Func<LoopbackServer.Response>>(stsAnswers);
        Oidc = new LoopbackServer(_ => new(200, $$"""{"count":1,"value":"oidc-jwt-{{Interlocked.Increment(ref _tokensIssued)}}"}"""));
        Sts = new LoopbackServer(_ => answers.Count > 0 ? answers.Dequeue()() : Success());
    }

    public LoopbackServer Oidc { get; }

    public LoopbackServer Sts { get; }

    public static IReadOnlyList<string> Secrets => ["oidc-jwt-1", "oidc-jwt-2", RequestToken, AccessKeyId, SecretAccessKey, SessionToken];

    /// <summary>The runner's variables: the request URL already has a query string, as GitHub's does.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["ACTIONS_ID_TOKEN_REQUEST_URL"] = Oidc.BaseUrl + "_apis/distributedtask/token?api-version=2.0",
        ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = RequestToken,
        ["AWS_ENDPOINT_URL_STS"] = Sts.BaseUrl,
    };

    /// <summary>The WebIdentityToken of each STS call, in order.</summary>
    public IReadOnlyList<string?> TokensSentToSts => [.. Sts.Requests.Select(r => HttpUtility.ParseQueryString(r.Body)["WebIdentityToken"])];

    public static LoopbackServer.Response Success() => new(200, $"""
        <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleWithWebIdentityResult>
            <SubjectFromWebIdentityToken>repo:octo/app:ref:refs/heads/main</SubjectFromWebIdentityToken>
            <Audience>sts.amazonaws.com</Audience>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions</Arn>
              <AssumedRoleId>AROAFAKEROLEID:GitHubActions</AssumedRoleId>
            </AssumedRoleUser>
            <Credentials>
              <SessionToken>{SessionToken}</SessionToken>
              <SecretAccessKey>{SecretAccessKey}</SecretAccessKey>
              <Expiration>2030-01-01T00:00:00Z</Expiration>
              <AccessKeyId>{AccessKeyId}</AccessKeyId>
            </Credentials>
            <Provider>arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com</Provider>
          </AssumeRoleWithWebIdentityResult>
          <ResponseMetadata><RequestId>11111111-2222-3333-4444-555555555555</RequestId></ResponseMetadata>
        </AssumeRoleWithWebIdentityResponse>
        """, "text/xml");

    public static LoopbackServer.Response Error(int status, string code, string message) => new(status, $"""
        <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>
          <RequestId>11111111-2222-3333-4444-555555555555</RequestId>
        </ErrorResponse>
        """, "text/xml");

    public void Dispose()
    {
        Oidc.Dispose();
        Sts.Dispose();
    }
}
