using System.Text.Json;

namespace Gitmoxi.Action.GitHub;

/// <summary>The pull request a <c>pull_request*</c> workflow run is for, read from the event payload.</summary>
/// <param name="HeadRepository">Null when the fork the pull request came from was deleted.</param>
/// <param name="BaseSha">The base branch's commit the pull request is compared with.</param>
/// <param name="Commits">The pull request's commit count, when the payload gives it.</param>
public sealed record PullRequestEvent(
    long Number, string? HeadSha, string? HeadRepository, string? BaseRepository, string? BaseSha = null, int? Commits = null)
{
    /// <summary>A pull request from another repository; a deleted fork counts as one.</summary>
    public bool IsFromFork => !string.Equals(HeadRepository, BaseRepository, StringComparison.OrdinalIgnoreCase);

    /// <returns>Null when the payload holds no pull request (a push, say).</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="JsonException">The file is not an event payload.</exception>
    public static async Task<PullRequestEvent?> ReadAsync(string eventPath, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(eventPath);
        var payload = await JsonSerializer.DeserializeAsync(stream, GitHubJsonContext.Default.EventPayload, cancellationToken);
        return payload?.PullRequest is { Number: > 0 } pr
            ? new PullRequestEvent(pr.Number, pr.Head?.Sha, pr.Head?.Repo?.FullName, pr.Base?.Repo?.FullName, pr.Base?.Sha, pr.Commits)
            : null;
    }
}
