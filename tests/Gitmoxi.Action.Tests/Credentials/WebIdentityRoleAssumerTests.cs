using System.Web;
using Amazon.Runtime;
using Gitmoxi.Action.Credentials;
using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.Action.Tests.Credentials;

[TestClass]
public sealed class WebIdentityRoleAssumerTests
{
    private static readonly Backoff NoWait = new(3, TimeSpan.Zero, TimeSpan.Zero);
    private static readonly string[] FormFields = ["Action", "Version", "RoleArn", "RoleSessionName", "DurationSeconds", "WebIdentityToken"];
    private static readonly RoleSettings Role = new(FakeGitHubAndSts.RoleArn, "sts.amazonaws.com", "GitHubActions", 1800);

    private static async Task<(AWSCredentials Credentials, string Output)> AssumeAsync(FakeGitHubAndSts fake)
    {
        using var raw = new StringWriter();
        using var console = new ActionConsole(raw, TextWriter.Null);
        using var http = new HttpClient();
        var oidc = new OidcTokenClient(http, new RunnerEnvironment(fake.Environment()), console.Masker, NoWait);
        try
        {
            var credentials = await new WebIdentityRoleAssumer(oidc, console.Masker, NoWait, console.Out)
                .AssumeRoleAsync(Role, "us-east-1", fake.Sts.BaseUrl, CancellationToken.None);
            console.Dispose();
            return (credentials, raw.ToString());
        }
        catch (GitmoxiException e)
        {
            console.Dispose();
            throw new GitmoxiException(e.Code, e.Message + "\n--- output ---\n" + raw, e);
        }
    }

    [TestMethod]
    public async Task Assumes_the_role_unsigned_and_masks_every_secret_before_printing_anything()
    {
        using var fake = new FakeGitHubAndSts();

        var (credentials, output) = await AssumeAsync(fake);

        var immutable = await credentials.GetCredentialsAsync();
        Assert.AreEqual(FakeGitHubAndSts.AccessKeyId, immutable.AccessKey);
        Assert.AreEqual(FakeGitHubAndSts.SecretAccessKey, immutable.SecretKey);
        Assert.AreEqual(FakeGitHubAndSts.SessionToken, immutable.Token);
        Assert.AreEqual(
            $"::add-mask::{FakeGitHubAndSts.RequestToken}\n::add-mask::oidc-jwt-1\n"
            + $"::add-mask::{FakeGitHubAndSts.AccessKeyId}\n::add-mask::{FakeGitHubAndSts.SecretAccessKey}\n::add-mask::{FakeGitHubAndSts.SessionToken}\n"
            + "Assumed role arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions.\n",
            output);

        var request = fake.Sts.Requests.Single();
        var form = HttpUtility.ParseQueryString(request.Body);
        Assert.AreEqual("POST", request.Method);
        Assert.IsNull(request.Authorization, "the call is unsigned");
        Assert.AreEqual(
            $"Action=AssumeRoleWithWebIdentity;Version=2011-06-15;RoleArn={FakeGitHubAndSts.RoleArn};RoleSessionName=GitHubActions;DurationSeconds=1800;WebIdentityToken=oidc-jwt-1",
            string.Join(';', FormFields.Select(k => $"{k}={form[k]}")));
        Assert.AreEqual("/_apis/distributedtask/token?api-version=2.0&audience=sts.amazonaws.com", fake.Oidc.Requests.Single().PathAndQuery);
    }

    [TestMethod]
    public async Task A_rejected_token_is_replaced_by_a_fresh_one_once()
    {
        using var fake = new FakeGitHubAndSts(() => FakeGitHubAndSts.Error(400, "InvalidIdentityToken", "Token is not yet valid"));

        var (_, output) = await AssumeAsync(fake);

        Assert.AreEqual("oidc-jwt-1 oidc-jwt-2", string.Join(' ', fake.TokensSentToSts));
        Assert.HasCount(2, fake.Oidc.Requests);
        StringAssert.Contains(output, "STS refused the OIDC token (InvalidIdentityToken: Token is not yet valid); retrying once with a fresh token.\n");
    }

    [TestMethod]
    public async Task A_token_rejected_twice_fails()
    {
        using var fake = new FakeGitHubAndSts(
            () => FakeGitHubAndSts.Error(400, "ExpiredTokenException", "Token expired"),
            () => FakeGitHubAndSts.Error(400, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com"));

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => AssumeAsync(fake));

        StringAssert.StartsWith(
            error.Message,
            $"Could not assume role {FakeGitHubAndSts.RoleArn} with OIDC: InvalidIdentityToken: No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com"
            + " (check that the account has an IAM OIDC provider for token.actions.githubusercontent.com with audience 'sts.amazonaws.com')\n");
        Assert.HasCount(2, fake.Sts.Requests);
        Assert.HasCount(2, fake.Oidc.Requests);
    }

    [TestMethod]
    public async Task Access_denied_fails_at_once_with_the_sts_message()
    {
        using var fake = new FakeGitHubAndSts(() => FakeGitHubAndSts.Error(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"));

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => AssumeAsync(fake));

        Assert.AreEqual(
            $"Could not assume role {FakeGitHubAndSts.RoleArn} with OIDC: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity"
            + " (check the role's trust policy: its token conditions must match this repository's `sub` and the audience 'sts.amazonaws.com')",
            error.Message[..error.Message.IndexOf("\n--- output", StringComparison.Ordinal)]);
        Assert.HasCount(1, fake.Sts.Requests);
        Assert.HasCount(1, fake.Oidc.Requests);
    }

    [TestMethod]
    public async Task Throttling_server_errors_and_idp_trouble_are_retried_with_the_same_token()
    {
        using var fake = new FakeGitHubAndSts(
            () => FakeGitHubAndSts.Error(400, "Throttling", "Rate exceeded"),
            () => FakeGitHubAndSts.Error(400, "IDPCommunicationError", "The IdP did not answer"));

        await AssumeAsync(fake);

        Assert.AreEqual("oidc-jwt-1 oidc-jwt-1 oidc-jwt-1", string.Join(' ', fake.TokensSentToSts));
    }

    [TestMethod]
    public async Task Transient_errors_give_up_after_the_bounded_attempts()
    {
        using var fake = new FakeGitHubAndSts(
            () => FakeGitHubAndSts.Error(503, "ServiceUnavailable", "down"),
            () => FakeGitHubAndSts.Error(500, "InternalFailure", "oops"),
            () => FakeGitHubAndSts.Error(503, "ServiceUnavailable", "still down"));

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => AssumeAsync(fake));

        StringAssert.StartsWith(error.Message, $"Could not assume role {FakeGitHubAndSts.RoleArn} with OIDC: ServiceUnavailable: still down\n");
        Assert.HasCount(3, fake.Sts.Requests);
    }

    [TestMethod]
    public async Task Other_sts_errors_fail_at_once()
    {
        using var fake = new FakeGitHubAndSts(() => FakeGitHubAndSts.Error(400, "ValidationError", "1 validation error detected: Value at 'roleSessionName'"));

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => AssumeAsync(fake));

        StringAssert.StartsWith(error.Message, $"Could not assume role {FakeGitHubAndSts.RoleArn} with OIDC: ValidationError: 1 validation error detected: Value at 'roleSessionName'\n");
        Assert.HasCount(1, fake.Sts.Requests);
    }
}
