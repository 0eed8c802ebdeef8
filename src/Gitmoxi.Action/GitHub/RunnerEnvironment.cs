using System.Collections;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// The process environment as the runner set it, read once at the edge. Everything in the host takes its
/// paths and variables from here, so tests hand in a dictionary instead of mutating the process.
/// </summary>
public sealed class RunnerEnvironment
{
    private readonly Dictionary<string, string> _variables;

    public RunnerEnvironment(IEnumerable<KeyValuePair<string, string>> variables) =>
        _variables = new Dictionary<string, string>(variables, StringComparer.Ordinal);

    public static RunnerEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return new RunnerEnvironment(variables);
    }

    /// <summary>The variable's value, or null when it is unset or empty (the toolkit treats both alike).</summary>
    public string? Get(string name) =>
        _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Every variable, for the AWS settings (credential chain, endpoint overrides) the engine builds from it.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    public bool IsGitHubActions => Get("GITHUB_ACTIONS") == "true";

    public string? OutputFile => Get("GITHUB_OUTPUT");

    public string? StepSummaryFile => Get("GITHUB_STEP_SUMMARY");

    public string? Workspace => Get("GITHUB_WORKSPACE");

    public string? EventName => Get("GITHUB_EVENT_NAME");

    public string? EventPath => Get("GITHUB_EVENT_PATH");

    /// <summary>Whether the run is for a pull request (<c>pull_request</c>, <c>pull_request_target</c>, <c>pull_request_review</c>…).</summary>
    public bool IsPullRequestEvent => EventName?.StartsWith("pull_request", StringComparison.Ordinal) == true;

    public string? IdTokenRequestUrl => Get("ACTIONS_ID_TOKEN_REQUEST_URL");

    public string? IdTokenRequestToken => Get("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
}
