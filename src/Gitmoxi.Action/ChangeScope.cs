using System.Text.Json;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action;

/// <summary>
/// <c>scope: changed</c>, settled before credentials are asked for: the pull request's changes are read from git,
/// or, where git cannot (no git in the image, no checkout), from GitHub's REST API with the <c>github-token</c>
/// input; when the history cannot tell them the step fails here, before any AWS call (STS included).
/// </summary>
internal static class ChangeScope
{
    /// <returns>The settings with <see cref="ActionSettings.Changes"/> set, or a failed outcome to publish instead of planning.</returns>
    public static async Task<(ActionSettings Settings, ActionOutcome? Failure)> ResolveAsync(
        ActionSettings settings, RunnerEnvironment environment, ActionConsole console, TimeSpan httpTimeout, CancellationToken cancellationToken)
    {
        if (settings.Scope != PlanScope.Changed || settings.Mode == ActionMode.Validate)
        {
            return (settings, null);
        }

        var pullRequest = await ReadEventAsync(environment, cancellationToken);
        using var http = new HttpClient { Timeout = httpTimeout };
        List<IPullRequestChangeSource> sources = [new GitPullRequestChanges(settings.Workspace)];
        if (settings.GitHubToken is { } token && (pullRequest.BaseRepository ?? environment.Get("GITHUB_REPOSITORY")) is { } repository)
        {
            console.Masker.Register(token);
            sources.Add(new GitHubPullRequestChanges(
                new GitHubRestClient(http, environment.Get("GITHUB_API_URL") ?? "https://api.github.com", token), repository));
        }

        var resolution = await PullRequestChanges.ReadAsync(pullRequest, sources, cancellationToken);
        switch (resolution.Problem)
        {
            case { IsError: true } error:
                return (settings, Failure(error));
            case { } warning:
                new AnnotationWriter(console.Commands, settings.Workspace).Write([warning]);
                return (settings with { Scope = PlanScope.All }, null);
            default:
                return (settings with { Changes = resolution.Scope }, null);
        }
    }

    private static async Task<PullRequestEvent> ReadEventAsync(RunnerEnvironment environment, CancellationToken cancellationToken)
    {
        const string Hint = "set scope: all to plan every function group.";
        if (environment.EventPath is not { } path)
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, "scope: changed reads the pull request from the event payload, but GITHUB_EVENT_PATH is not set; " + Hint);
        }

        try
        {
            return await PullRequestEvent.ReadAsync(path, cancellationToken)
                ?? throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"scope: changed needs a pull request, but the event payload {path} holds none; " + Hint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"scope: changed cannot read the event payload {path}: {e.Message}; " + Hint);
        }
    }

    private static ActionOutcome Failure(Diagnostic error) => new(
        "## Lambda event sources: plan\n\n> [!CAUTION]\n> Nothing was planned: " + Markdown.Escape(error.Message) + "\n",
        error + "\n",
        [error],
        new ActionOutputs(HasChanges: false, 0, 0, 0, 0, PlanFile: null),
        Succeeded: false);
}
