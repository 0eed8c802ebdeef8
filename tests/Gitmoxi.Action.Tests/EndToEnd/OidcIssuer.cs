using System.Text;
using System.Web;
using Gitmoxi.Action.Tests.Support;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// GitHub's OIDC token endpoint on loopback: checks the runner's bearer request token and issues a JWT-shaped
/// token for the requested audience (moto's STS accepts any token; the shape keeps the leak scan honest).
/// </summary>
internal sealed class OidcIssuer : IDisposable
{
    public const string RequestToken = "ghs_runnerRequestToken0123456789abcdefghij";

    private readonly LoopbackServer server;
    private int issued;

    public OidcIssuer() => server = new LoopbackServer(Issue);

    /// <summary>Every token handed out, in order.</summary>
    public List<string> Tokens { get; } = [];

    /// <summary>The audience of each token request.</summary>
    public IReadOnlyList<string?> Audiences => [.. server.Requests.Select(r => HttpUtility.ParseQueryString(new Uri("http://x" + r.PathAndQuery).Query)["audience"])];

    /// <summary>The runner's two variables; the URL already has a query string, as GitHub's does.</summary>
    public Dictionary<string, string> Variables() => new()
    {
        ["ACTIONS_ID_TOKEN_REQUEST_URL"] = server.BaseUrl + "_apis/distributedtask/hubs/build/plans/1/jobs/2/idtoken?api-version=2.0",
        ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = RequestToken,
    };

    private LoopbackServer.Response Issue(LoopbackServer.Request request)
    {
        if (request.Authorization != "Bearer " + RequestToken)
        {
            return new(401, """{"message":"bad request token"}""");
        }

        var number = Interlocked.Increment(ref issued);
        var claims = $$"""{"sub":"repo:octo/shop:ref:refs/heads/main","aud":"sts.amazonaws.com","jti":"{{number}}"}""";
        var token = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + Base64Url(claims) + ".c2lnbmF0dXJlLW9mLXRva2VuLQ" + number;
        lock (Tokens)
        {
            Tokens.Add(token);
        }

        return new(200, $$"""{"count":1,"value":"{{token}}"}""");
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => server.Dispose();
}
