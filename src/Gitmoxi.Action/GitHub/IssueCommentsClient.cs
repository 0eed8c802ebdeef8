using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gitmoxi.Action.GitHub;

/// <summary>A GitHub REST call that answered with an error status.</summary>
public sealed class GitHubApiException(HttpStatusCode status, string message)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} {status}{(message.Length > 0 ? ": " + message : "")}"))
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// The three REST calls the plan comment needs, on the comments of an issue or pull request: list (every page,
/// following the <c>Link</c> header), create and update. Errors throw <see cref="GitHubApiException"/>.
/// </summary>
/// <param name="apiUrl"><c>GITHUB_API_URL</c>, e.g. <c>https://api.github.com</c>.</param>
/// <param name="repository"><c>owner/name</c>.</param>
public sealed partial class IssueCommentsClient(HttpClient http, string apiUrl, string repository, string token)
{
    /// <summary>At 100 a page, 10,000 comments: a thread longer than that gets a new plan comment rather than an endless scan.</summary>
    private const int MaxPages = 100;

    private readonly string _api = apiUrl.TrimEnd('/');

    /// <returns>The first comment whose body starts with <paramref name="marker"/>, or null.</returns>
    public async Task<long?> FindAsync(long issue, string marker, CancellationToken cancellationToken)
    {
        string? url = string.Create(CultureInfo.InvariantCulture, $"{_api}/repos/{repository}/issues/{issue}/comments?per_page=100");
        for (var page = 0; url is not null && page < MaxPages; page++)
        {
            using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken);
            var comments = await ReadAsync(response, GitHubJsonContext.Default.ListIssueComment, cancellationToken) ?? [];
            if (comments.FirstOrDefault(c => c.Body?.StartsWith(marker, StringComparison.Ordinal) == true) is { } found)
            {
                return found.Id;
            }

            url = NextPage(response);
        }

        return null;
    }

    public async Task<long> CreateAsync(long issue, string body, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"{_api}/repos/{repository}/issues/{issue}/comments");
        using var response = await SendAsync(HttpMethod.Post, url, body, cancellationToken);
        return (await ReadAsync(response, GitHubJsonContext.Default.IssueComment, cancellationToken))?.Id ?? 0;
    }

    public async Task UpdateAsync(long commentId, string body, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"{_api}/repos/{repository}/issues/comments/{commentId}");
        using var response = await SendAsync(HttpMethod.Patch, url, body, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("gitmoxi-lambda-sources", null));
        if (body is not null)
        {
            request.Content = new StringContent(
                JsonSerializer.Serialize(new CommentBody(body), GitHubJsonContext.Default.CommentBody), Encoding.UTF8, "application/json");
        }

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

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken);
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

    /// <summary>
    /// The <c>rel="next"</c> URL of the <c>Link</c> header, followed only while it stays on the API's own origin:
    /// the token goes with every request.
    /// </summary>
    private string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (Match link in LinkPattern().Matches(string.Join(',', values)))
        {
            var next = link.Groups["url"].Value;
            if (link.Groups["rel"].Value.Split(' ').Contains("next") && next.StartsWith(_api + "/", StringComparison.Ordinal))
            {
                return next;
            }
        }

        return null;
    }

    [GeneratedRegex(@"<(?<url>[^>]*)>\s*;\s*rel=""(?<rel>[^""]*)""")]
    private static partial Regex LinkPattern();
}
