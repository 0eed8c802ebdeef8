using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Gitmoxi.Action.GitHub;

/// <summary>A GitHub REST call that answered with an error status.</summary>
public sealed class GitHubApiException(HttpStatusCode status, string message)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} {status}{(message.Length > 0 ? ": " + message : "")}"))
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// GitHub's REST API as every client here calls it: the token as a bearer, GitHub's media type and API version,
/// errors as <see cref="GitHubApiException"/>, and lists followed page by page through the <c>Link</c> header.
/// </summary>
/// <param name="apiUrl"><c>GITHUB_API_URL</c>, e.g. <c>https://api.github.com</c>.</param>
internal sealed partial class GitHubRestClient(HttpClient http, string apiUrl, string token)
{
    /// <summary>The API's origin and base path, without a trailing slash.</summary>
    public string Api { get; } = apiUrl.TrimEnd('/');

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("gitmoxi-lambda-sources", null));
        request.Content = content;
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new GitHubApiException(response.StatusCode, await ErrorMessageAsync(response, cancellationToken));
        }
    }

    /// <summary>A GET whose JSON answer is read as <typeparamref name="T"/>.</summary>
    public async Task<T?> GetAsync<T>(string url, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken);
        return await ReadAsync(response, type, cancellationToken);
    }

    public static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken);
    }

    /// <summary>
    /// The <c>rel="next"</c> URL of the <c>Link</c> header, followed only while it stays on the API's own origin:
    /// the token goes with every request.
    /// </summary>
    public string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (Match link in LinkPattern().Matches(string.Join(',', values)))
        {
            var next = link.Groups["url"].Value;
            if (link.Groups["rel"].Value.Split(' ').Contains("next") && next.StartsWith(Api + "/", StringComparison.Ordinal))
            {
                return next;
            }
        }

        return null;
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize(text, GitHubJsonContext.Default.GitHubError)?.Message is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not GitHub's JSON (a proxy's page, say): the start of the text says more than nothing.
        }

        return text.Length > 200 ? text[..200] + "…" : text;
    }

    [GeneratedRegex(@"<(?<url>[^>]*)>\s*;\s*rel=""(?<rel>[^""]*)""")]
    private static partial Regex LinkPattern();
}
