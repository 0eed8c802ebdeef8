using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed class OidcTokenClientTests
{
    private static readonly Backoff NoWait = new(3, TimeSpan.Zero, TimeSpan.Zero);

    private static async Task<(string Token, string Output)> GetTokenAsync(LoopbackServer server, string audience, string query = "?api-version=2.0")
    {
        using var raw = new StringWriter();
        var environment = new RunnerEnvironment(new Dictionary<string, string>
        {
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = server.BaseUrl + "token" + query,
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "request-token-xyz",
        });
        using var http = new HttpClient();
        var token = await new OidcTokenClient(http, environment, new SecretMasker(raw), NoWait).GetTokenAsync(audience, CancellationToken.None);
        return (token, raw.ToString());
    }

    [TestMethod]
    public async Task Requests_the_token_with_the_audience_appended_and_the_bearer_header()
    {
        using var server = new LoopbackServer(_ => new(200, """{"count":1,"value":"eyJhbGciOi.jwt.sig"}"""));

        var (token, _) = await GetTokenAsync(server, "api://AzureADTokenExchange");

        Assert.AreEqual("eyJhbGciOi.jwt.sig", token);
        var request = server.Requests.Single();
        Assert.AreEqual(
            new LoopbackServer.Request("GET", "/token?api-version=2.0&audience=api%3A%2F%2FAzureADTokenExchange", "Bearer request-token-xyz", "actions/oidc-client", ""),
            request);
    }

    [TestMethod]
    public async Task A_url_without_a_query_gets_one()
    {
        using var server = new LoopbackServer(_ => new(200, """{"value":"jwt-abc"}"""));

        await GetTokenAsync(server, "sts.amazonaws.com", query: "");

        Assert.AreEqual("/token?audience=sts.amazonaws.com", server.Requests.Single().PathAndQuery);
    }

    [TestMethod]
    public async Task The_token_and_the_request_token_are_masked_at_once()
    {
        using var server = new LoopbackServer(_ => new(200, """{"value":"jwt-abc"}"""));

        var (_, output) = await GetTokenAsync(server, "sts.amazonaws.com");

        Assert.AreEqual("::add-mask::request-token-xyz\n::add-mask::jwt-abc\n", output);
    }

    [TestMethod]
    public async Task Gateway_errors_are_retried()
    {
        var calls = 0;
        using var server = new LoopbackServer(_ => ++calls switch
        {
            1 => new(503, "unavailable", "text/plain"),
            2 => new(502, "bad gateway", "text/plain"),
            _ => new(200, """{"value":"jwt-after-retries"}"""),
        });

        var (token, _) = await GetTokenAsync(server, "sts.amazonaws.com");

        Assert.AreEqual("jwt-after-retries", token);
        Assert.HasCount(3, server.Requests);
    }

    [TestMethod]
    public async Task Retries_are_bounded()
    {
        using var server = new LoopbackServer(_ => new(504, "timeout", "text/plain"));

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => GetTokenAsync(server, "sts.amazonaws.com"));

        Assert.AreEqual("Failed to get the GitHub OIDC token after 3 attempts: HTTP 504 GatewayTimeout: timeout", error.Message);
        Assert.HasCount(3, server.Requests);
    }

    [TestMethod]
    public async Task Other_failures_are_not_retried()
    {
        using var server = new LoopbackServer(_ => new(401, """{"message":"Bad credentials"}"""));

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => GetTokenAsync(server, "sts.amazonaws.com"));

        Assert.AreEqual("Failed to get the GitHub OIDC token: HTTP 401 Unauthorized: {\"message\":\"Bad credentials\"}", error.Message);
        Assert.HasCount(1, server.Requests);
    }

    [TestMethod]
    [DataRow("""{"value":""}""")]
    [DataRow("""{"count":0}""")]
    [DataRow("<html>proxy</html>")]
    public async Task A_body_without_a_token_is_an_error(string body)
    {
        using var server = new LoopbackServer(_ => new(200, body));

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => GetTokenAsync(server, "sts.amazonaws.com"));

        Assert.AreEqual("Failed to get the GitHub OIDC token: Response json body do not have ID Token field", error.Message);
    }

    [TestMethod]
    [DataRow("ACTIONS_ID_TOKEN_REQUEST_URL")]
    [DataRow("ACTIONS_ID_TOKEN_REQUEST_TOKEN")]
    public async Task Missing_runner_variables_name_the_permission_to_grant(string missing)
    {
        var variables = new Dictionary<string, string>
        {
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = "http://127.0.0.1:9/token?x=1",
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "t",
        };
        variables.Remove(missing);
        using var http = new HttpClient();
        var client = new OidcTokenClient(http, new RunnerEnvironment(variables), new SecretMasker(TextWriter.Null), NoWait);

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => client.GetTokenAsync("sts.amazonaws.com", CancellationToken.None));

        Assert.AreEqual(
            $"{missing} is not set: role-to-assume needs a GitHub OIDC token: grant the job `permissions: id-token: write` "
            + "(workflows triggered from forks cannot get one unless the repository allows it).",
            error.Message);
    }
}
