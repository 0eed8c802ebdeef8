using System.Text.Json.Serialization;

namespace Gitmoxi.Action.GitHub;

/// <summary>The part of a <c>pull_request*</c> event payload (<c>GITHUB_EVENT_PATH</c>) the plan comment and the scope need.</summary>
internal sealed record EventPayload(PullRequestPayload? PullRequest);

/// <param name="Commits">How many commits the pull request has: what a shallow clone must reach past.</param>
internal sealed record PullRequestPayload(long Number, BranchPayload? Head, BranchPayload? Base, int? Commits = null);

/// <param name="Repo">Null when the fork the pull request came from was deleted.</param>
internal sealed record BranchPayload(string? Sha, RepositoryPayload? Repo);

internal sealed record RepositoryPayload(string? FullName);

/// <summary>An item of <c>GET /repos/{owner}/{repo}/issues/{number}/comments</c>.</summary>
internal sealed record IssueComment(long Id, string? Body);

/// <summary>The request body of creating or updating a comment.</summary>
internal sealed record CommentBody(string Body);

/// <summary>GitHub's error body: <c>{"message": "...", "documentation_url": "..."}</c>.</summary>
internal sealed record GitHubError(string? Message);

/// <summary>Source-generated (the Action is Native AOT); GitHub's REST API names members in snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EventPayload))]
[JsonSerializable(typeof(List<IssueComment>))]
[JsonSerializable(typeof(IssueComment))]
[JsonSerializable(typeof(CommentBody))]
[JsonSerializable(typeof(GitHubError))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
