using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.Action.GitHub;

/// <summary>Source of GitHub OIDC ID tokens; a fresh one is fetched for each call.</summary>
public interface IOidcTokenSource
{
    Task<string> GetTokenAsync(string audience, CancellationToken cancellationToken);
}

/// <summary>
/// <c>core.getIDToken</c>: GET <c>$ACTIONS_ID_TOKEN_REQUEST_URL&amp;audience=…</c> with the request token as a
/// bearer, retrying only 502/503/504 and transport failures. The token is masked the moment it is read.
/// </summary>
public sealed class OidcTokenClient(HttpClient http, RunnerEnvironment environment, SecretMasker masker, Backoff retry)
    : IOidcTokenSource
{
    private const string PermissionHint =
        "role-to-assume needs a GitHub OIDC token: grant the job `permissions: id-token: write` " +
        "(workflows triggered from forks cannot get one unless the repository allows it)";

    public async Task<string> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        // The toolkit checks the URL first; both are absent when the job lacks id-token: write.
        var url = environment.IdTokenRequestUrl
            ?? throw new GitmoxiException(DiagnosticCodes.OidcTokenUnavailable, $"ACTIONS_ID_TOKEN_REQUEST_URL is not set: {PermissionHint}.");
        var bearer = environment.IdTokenRequestToken
            ?? throw new GitmoxiException(DiagnosticCodes.OidcTokenUnavailable, $"ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set: {PermissionHint}.");
        masker.Register(bearer);

        // The URL already carries a query string, hence '&' (as the toolkit and GitHub's docs do).
        var requestUri = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "audience=" + Uri.EscapeDataString(audience);
        for (var attempt = 1; ; attempt++)
        {
            var (token, transient) = await TryGetAsync(requestUri, bearer, cancellationToken);
            if (token is not null)
            {
                masker.Register(token);
                return token;
            }

            if (!retry.AllowsRetry(attempt))
            {
                throw new GitmoxiException(DiagnosticCodes.OidcTokenUnavailable, $"Failed to get the GitHub OIDC token after {attempt} attempts: {transient}");
            }

            await Task.Delay(retry.Delay(attempt), cancellationToken);
        }
    }

    /// <returns>The token, or the reason of a transient failure worth retrying; other failures throw.</returns>
    private async Task<(string? Token, string? Transient)> TryGetAsync(string requestUri, string bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, requestUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", "actions/oidc-client");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                return (null, Describe(response.StatusCode, body));
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new GitmoxiException(DiagnosticCodes.OidcTokenUnavailable, $"Failed to get the GitHub OIDC token: {Describe(response.StatusCode, body)}");
            }

            return (ReadToken(body), null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "the request timed out: " + e.Message);
        }
    }

    private static string ReadToken(string body) =>
        TryReadToken(body)
        ?? throw new GitmoxiException(DiagnosticCodes.OidcTokenUnavailable, "Failed to get the GitHub OIDC token: Response json body do not have ID Token field");

    private static string? TryReadToken(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("value", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } token
                    ? token
                    : null;
        }
        catch (JsonException)
        {
            // A body that is not JSON has no token either (a 200 from a proxy's error page, say).
            return null;
        }
    }

    private static string Describe(HttpStatusCode status, string body)
    {
        var message = body.Length > 500 ? body[..500] + "…" : body;
        return string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} {status}{(message.Length > 0 ? ": " + message : "")}");
    }
}
