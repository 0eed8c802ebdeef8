using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// The three REST calls the plan comment needs, on the comments of an issue or pull request: list (every page,
/// following the <c>Link</c> header), create and update. Errors throw <see cref="GitHubApiException"/>.
/// </summary>
/// <param name="apiUrl"><c>GITHUB_API_URL</c>, e.g. <c>https://api.github.com</c>.</param>
/// <param name="repository"><c>owner/name</c>.</param>
public sealed class IssueCommentsClient(HttpClient http, string apiUrl, string repository, string token)
{
    /// <summary>At 100 a page, 10,000 comments: a thread longer than that gets a new plan comment rather than an endless scan.</summary>
    private const int MaxPages = 100;

    private readonly GitHubRestClient _rest = new(http, apiUrl, token);

    /// <returns>The first comment whose body starts with <paramref name="marker"/>, or null.</returns>
    public async Task<long?> FindAsync(long issue, string marker, CancellationToken cancellationToken)
    {
        string? url = string.Create(CultureInfo.InvariantCulture, $"{_rest.Api}/repos/{repository}/issues/{issue}/comments?per_page=100");
        for (var page = 0; url is not null && page < MaxPages; page++)
        {
            using var response = await _rest.SendAsync(HttpMethod.Get, url, null, cancellationToken);
            var comments = await GitHubRestClient.ReadAsync(response, GitHubJsonContext.Default.ListIssueComment, cancellationToken) ?? [];
            if (comments.FirstOrDefault(c => c.Body?.StartsWith(marker, StringComparison.Ordinal) == true) is { } found)
            {
                return found.Id;
            }

            url = _rest.NextPage(response);
        }

        return null;
    }

    public async Task<long> CreateAsync(long issue, string body, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"{_rest.Api}/repos/{repository}/issues/{issue}/comments");
        using var response = await _rest.SendAsync(HttpMethod.Post, url, Body(body), cancellationToken);
        return (await GitHubRestClient.ReadAsync(response, GitHubJsonContext.Default.IssueComment, cancellationToken))?.Id ?? 0;
    }

    public async Task UpdateAsync(long commentId, string body, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"{_rest.Api}/repos/{repository}/issues/comments/{commentId}");
        using var response = await _rest.SendAsync(HttpMethod.Patch, url, Body(body), cancellationToken);
    }

    private static StringContent Body(string body) =>
        new(JsonSerializer.Serialize(new CommentBody(body), GitHubJsonContext.Default.CommentBody), Encoding.UTF8, "application/json");
}
