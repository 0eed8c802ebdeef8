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

/// <summary>An item of <c>GET /repos/{owner}/{repo}/pulls/{number}/files</c>.</summary>
/// <param name="Status"><c>added</c>, <c>removed</c>, <c>modified</c>, <c>renamed</c>, <c>copied</c>, <c>changed</c> or <c>unchanged</c>.</param>
/// <param name="PreviousFilename">The path before a rename (status <c>renamed</c>).</param>
internal sealed record PullRequestFile(string Filename, string? Status, string? PreviousFilename = null);

/// <summary>A file of <c>GET /repos/{owner}/{repo}/contents/{path}?ref={sha}</c>: its bytes, base64 with line breaks.</summary>
internal sealed record RepositoryContent(string? Type, string? Encoding, string? Content);

/// <summary>GitHub's error body: <c>{"message": "...", "documentation_url": "..."}</c>.</summary>
internal sealed record GitHubError(string? Message);

/// <summary>Source-generated (the Action is Native AOT); GitHub's REST API names members in snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EventPayload))]
[JsonSerializable(typeof(List<IssueComment>))]
[JsonSerializable(typeof(IssueComment))]
[JsonSerializable(typeof(CommentBody))]
[JsonSerializable(typeof(GitHubError))]
[JsonSerializable(typeof(List<PullRequestFile>))]
[JsonSerializable(typeof(RepositoryContent))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
