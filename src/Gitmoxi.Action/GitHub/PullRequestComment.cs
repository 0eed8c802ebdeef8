using System.Globalization;
using System.Net;
using System.Text.Json;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Rendering;

namespace Gitmoxi.Action.GitHub;

/// <summary>The <c>comment-on-pr</c> and <c>github-token</c> inputs; the token never shows in <see cref="object.ToString"/>.</summary>
/// <param name="Token">Null when <c>github-token</c> is empty.</param>
public sealed record PullRequestCommentSettings(string? Token)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Token = ").Append(Token is null ? "null" : SecretMasker.Mask);
        return true;
    }
}

/// <summary>
/// Posts the plan on the pull request as one comment, found again by a hidden marker and updated in place on every
/// run. Commenting is a courtesy: a refused token, a fork's read-only token, a missing pull request or any API
/// failure becomes a warning or a notice, never a failed step.
/// </summary>
public sealed class PullRequestComment(RunnerEnvironment environment, ActionConsole console, TimeSpan httpTimeout)
{
    private const string MarkerPrefix = "<!-- gitmoxi-lambda-sources:plan";

    public async Task PublishAsync(ActionSettings settings, ActionOutcome outcome, CancellationToken cancellationToken)
    {
        if (settings.PullRequestComment is not { } comment || outcome.Run is not { } run
            || environment.EventName?.StartsWith("pull_request", StringComparison.Ordinal) != true)
        {
            return;
        }

        if (comment.Token is { } token)
        {
            console.Masker.Register(token);
        }

        try
        {
            await PublishAsync(comment.Token, settings, run, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Warn(string.Create(CultureInfo.InvariantCulture, $"GitHub did not answer within {httpTimeout.TotalSeconds:0.#} s."));
        }
        // A malformed GITHUB_API_URL (UriFormatException, InvalidOperationException, NotSupportedException) is the runner's, not the plan's.
        catch (Exception e) when (e is GitHubApiException or HttpRequestException or JsonException or IOException or UnauthorizedAccessException
            or UriFormatException or InvalidOperationException or NotSupportedException)
        {
            Warn(Explain(e));
        }
    }

    private async Task PublishAsync(string? token, ActionSettings settings, RunOutcome run, CancellationToken cancellationToken)
    {
        var pullRequest = environment.Get("GITHUB_EVENT_PATH") is { } eventPath
            ? await PullRequestEvent.ReadAsync(eventPath, cancellationToken)
            : null;
        if (pullRequest is null)
        {
            Warn("the event payload (GITHUB_EVENT_PATH) names no pull request.");
            return;
        }

        // A pull_request run from a fork gets a read-only token; pull_request_target runs with the base repository's.
        if (pullRequest.IsFromFork && environment.EventName != "pull_request_target")
        {
            console.Commands.Notice(
                $"The plan is not commented on pull request #{pullRequest.Number}: it comes from the fork {pullRequest.HeadRepository ?? "(deleted)"}, "
                + "and GitHub gives pull_request workflows from forks a read-only token. The plan is in the job summary.");
            return;
        }

        if (token is null || environment.Get("GITHUB_REPOSITORY") is not { } repository)
        {
            Warn(token is null ? "the github-token input is empty." : "GITHUB_REPOSITORY is not set.");
            return;
        }

        var context = new PlanCommentContext(
            Marker(settings), WorkspacePaths.ToRelative(settings.Workspace, settings.Path), pullRequest.HeadSha, RunUrl(repository));
        var body = console.Masker.Scrub(PlanCommentRenderer.Render(run, context));
        using var http = new HttpClient { Timeout = httpTimeout };
        var comments = new IssueCommentsClient(http, environment.Get("GITHUB_API_URL") ?? "https://api.github.com", repository, token);
        if (await comments.FindAsync(pullRequest.Number, context.Marker, cancellationToken) is { } id)
        {
            await comments.UpdateAsync(id, body, cancellationToken);
            console.Out.Write($"Updated the plan comment on pull request #{pullRequest.Number}.\n");
        }
        else
        {
            await comments.CreateAsync(pullRequest.Number, body, cancellationToken);
            console.Out.Write($"Commented the plan on pull request #{pullRequest.Number}.\n");
        }
    }

    /// <summary>
    /// One comment per workflow, job and path, so two of them planning in one repository each keep their own.
    /// Values are percent-encoded: none can end the HTML comment.
    /// </summary>
    private string Marker(ActionSettings settings)
    {
        static string Encode(string? value) => Uri.EscapeDataString(value ?? "");
        return $"{MarkerPrefix} workflow={Encode(environment.Get("GITHUB_WORKFLOW"))} job={Encode(environment.Get("GITHUB_JOB"))} "
            + $"path={Encode(WorkspacePaths.ToRelative(settings.Workspace, settings.Path))} -->";
    }

    /// <summary>The run attempt's page, where its job summaries are shown.</summary>
    private string? RunUrl(string repository)
    {
        if (environment.Get("GITHUB_RUN_ID") is not { } runId)
        {
            return null;
        }

        var server = (environment.Get("GITHUB_SERVER_URL") ?? "https://github.com").TrimEnd('/');
        var attempt = environment.Get("GITHUB_RUN_ATTEMPT") is { } number ? "/attempts/" + Uri.EscapeDataString(number) : "";
        return $"{server}/{repository}/actions/runs/{Uri.EscapeDataString(runId)}{attempt}";
    }

    private static string Explain(Exception e) => e switch
    {
        GitHubApiException { Status: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized } api =>
            $"GitHub refused the token ({api.Message}). Grant the job `permissions: pull-requests: write`.",
        GitHubApiException { Status: HttpStatusCode.NotFound } api =>
            $"GitHub found no such pull request or repository for this token ({api.Message}).",
        _ => e.Message,
    };

    private void Warn(string reason) =>
        console.Commands.Warning($"The plan was not commented on the pull request: {reason} The plan is in the job summary.");
}
