using System.Globalization;
using System.Net;
using System.Text.Json;
using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// The changes from GitHub's REST API, for an image without git or a workspace that is no checkout:
/// <c>GET /repos/{owner}/{repo}/pulls/{number}/files</c> (what GitHub compares: the merge base with the head), a
/// renamed file counting at both its paths, and each deleted group's files from
/// <c>GET /repos/{owner}/{repo}/contents/{path}?ref={base sha}</c>. Paths are the repository's, so the workspace must
/// be the repository root (a checkout without <c>path:</c>). Any API failure makes the source unavailable, never a failed step.
/// </summary>
/// <param name="repository"><c>owner/name</c> of the pull request's base repository.</param>
internal sealed class GitHubPullRequestChanges(GitHubRestClient rest, string repository) : IPullRequestChangeSource
{
    /// <summary>GitHub lists at most this many files of a pull request; a list that long may have been cut.</summary>
    public const int MaxFiles = 3000;

    public async Task<ScopeResolution> ReadAsync(PullRequestRange range, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadFilesAsync(range, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable("the GitHub API did not answer in time");
        }
        // A malformed GITHUB_API_URL (UriFormatException, InvalidOperationException, NotSupportedException) is the runner's.
        catch (Exception e) when (e is GitHubApiException or HttpRequestException or JsonException or FormatException
            or UriFormatException or InvalidOperationException or NotSupportedException)
        {
            return Unavailable("the GitHub API did not list them: " + Explain(e));
        }
    }

    private async Task<ScopeResolution> ReadFilesAsync(PullRequestRange range, CancellationToken cancellationToken)
    {
        var files = new List<PullRequestFile>();
        string? url = string.Create(CultureInfo.InvariantCulture, $"{rest.Api}/repos/{repository}/pulls/{range.Number}/files?per_page=100");
        while (url is not null && files.Count < MaxFiles)
        {
            using var response = await rest.SendAsync(HttpMethod.Get, url, null, cancellationToken);
            files.AddRange(await GitHubRestClient.ReadAsync(response, GitHubJsonContext.Default.ListPullRequestFile, cancellationToken) ?? []);
            url = rest.NextPage(response);
        }

        if (files.Count >= MaxFiles)
        {
            return Unavailable(string.Create(CultureInfo.InvariantCulture,
                $"the GitHub API lists at most {MaxFiles:N0} files of a pull request, and this one changes {files.Count:N0} or more, so the list may be cut"));
        }

        var changed = files.SelectMany(f => f.PreviousFilename is { } previous ? [f.Filename, previous] : new[] { f.Filename }).ToHashSet(StringComparer.Ordinal);
        var deleted = files.Select(f => f.Status switch
        {
            "removed" => f.Filename,
            "renamed" => f.PreviousFilename,
            _ => null,
        }).OfType<string>();
        var removed = await PullRequestChanges.ReadRemovedGroupsAsync(deleted, path => ReadAtAsync(path, range.BaseSha, cancellationToken));
        return new ScopeResolution(new DefinitionScope(changed, removed), null);
    }

    /// <returns>The file's bytes at <paramref name="sha"/>, or null when it has none there.</returns>
    private async Task<byte[]?> ReadAtAsync(string path, string sha, CancellationToken cancellationToken)
    {
        var encoded = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        RepositoryContent? content;
        try
        {
            content = await rest.GetAsync($"{rest.Api}/repos/{repository}/contents/{encoded}?ref={sha}", GitHubJsonContext.Default.RepositoryContent, cancellationToken);
        }
        catch (GitHubApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        return content is { Type: "file", Encoding: "base64", Content: { } base64 }
            ? Convert.FromBase64String(base64.Replace("\n", "", StringComparison.Ordinal))
            : throw new JsonException($"the contents of {path} at {sha[..12]} are not a base64 file");
    }

    private static ScopeResolution Unavailable(string reason) => new(null, null, reason);

    private static string Explain(Exception e) => e switch
    {
        GitHubApiException { Status: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound } api =>
            $"{api.Message} (the github-token input needs `permissions: pull-requests: read` and `contents: read`)",
        _ => e.Message,
    };
}
