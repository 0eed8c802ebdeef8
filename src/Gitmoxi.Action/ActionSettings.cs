using System.Globalization;
using System.Text.RegularExpressions;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action;

public enum ActionMode
{
    Plan,
    Apply,

    /// <summary>The <c>--validate-only</c> flag: definitions are read and checked, AWS is never called.</summary>
    Validate,
}

/// <summary>The <c>scope</c> input: which function groups a run plans.</summary>
public enum PlanScope
{
    /// <summary>Every group under <c>path</c>.</summary>
    All,

    /// <summary>Only the groups with a file the pull request changes (and those it deletes).</summary>
    Changed,
}

/// <summary>What <c>AssumeRoleWithWebIdentity</c> is called with (besides the token).</summary>
public sealed record RoleSettings(string RoleArn, string Audience, string SessionName, int DurationSeconds);

/// <summary>
/// Endpoint overrides by the SDKs' standard variables (<c>AWS_ENDPOINT_URL_{SERVICE}</c>, then
/// <c>AWS_ENDPOINT_URL</c>), resolved here because the engine reads no environment itself.
/// </summary>
public sealed record AwsEndpoints(string? Sts, string? Lambda, string? ElasticLoadBalancingV2, string? ApiGatewayV2);

/// <summary>
/// Every input of the action, validated and resolved once at start-up (SPEC §5.1). Command-line flags of the
/// same names (local runs) override <c>INPUT_*</c>; user paths are resolved inside the workspace.
/// </summary>
/// <param name="Changes">With <see cref="PlanScope.Changed"/>: what the pull request changes, read from git by the host before any AWS call.</param>
public sealed partial record ActionSettings(
    string Workspace,
    string Path,
    ActionMode Mode,
    string? FunctionName,
    string? FunctionAlias,
    bool Prune,
    bool Wait,
    TimeSpan WaitTimeout,
    string? PlanFile,
    string? Region,
    RoleSettings? Role,
    AwsEndpoints Endpoints,
    PullRequestCommentSettings? PullRequestComment = null,
    PlanScope Scope = PlanScope.All,
    DefinitionScope? Changes = null)
{
    /// <summary>A GitHub job runs at most 6 hours; a longer wait cannot be meant.</summary>
    private const int MaxWaitSeconds = 6 * 60 * 60;

    public static readonly IReadOnlyList<string> InputNames =
    [
        "path", "mode", "function-name", "function-alias", "prune", "wait", "wait-timeout", "plan-file",
        "aws-region", "role-to-assume", "audience", "role-session-name", "role-duration-seconds",
        "comment-on-pr", "github-token", "repository", "scope", "account-roles", "rest-api-deploy-stages",
    ];

    /// <summary>
    /// The repository identity the owner record of everything applied names (<c>owner/name</c>): the input
    /// <c>repository</c>, else <c>GITHUB_REPOSITORY</c>; the MSBuild task derives the same from the git remote.
    /// </summary>
    public string? Repository { get; init; }

    /// <summary>
    /// The <c>github-token</c> input, or null when empty: <c>scope: changed</c> reads the pull request's files with it
    /// where git cannot. Internal, so the record's text never holds it.
    /// </summary>
    internal string? GitHubToken { get; init; }

    /// <summary>The <c>account-roles</c> input: the role to assume for each account a group declares that is not the credentials' own.</summary>
    public AccountRoles AccountRoles { get; init; } = AccountRoles.None;

    /// <summary>The <c>rest-api-deploy-stages</c> input: stages deployed after apply on each REST API whose integrations changed; null for none.</summary>
    public IReadOnlyList<string>? RestApiDeployStages { get; init; }

    /// <exception cref="GitmoxiException">Every invalid input, one per line, each naming its input.</exception>
    public static ActionSettings Create(
        RunnerEnvironment environment, IReadOnlyDictionary<string, string> commandLineInputs, string currentDirectory)
    {
        var inputs = new ActionInputs(environment, commandLineInputs);
        var errors = new List<string>();
        T Read<T>(Func<T> read, T fallback)
        {
            try
            {
                return read();
            }
            catch (GitmoxiException e)
            {
                errors.Add(e.Message);
                return fallback;
            }
        }

        string? Optional(string name) => inputs.GetInput(name) is { Length: > 0 } value ? value : null;
        bool Boolean(string name, bool fallback) => Optional(name) is null ? fallback : inputs.GetBooleanInput(name);

        var workspace = System.IO.Path.GetFullPath(environment.Workspace ?? currentDirectory);
        var path = Read(() => ExistingPathInside(workspace, "path", Optional("path") ?? "."), workspace);
        var mode = Read(() => ParseMode(Optional("mode"), environment.EventName), ActionMode.Plan);
        var prune = Read(() => Boolean("prune", fallback: false), false);
        var wait = Read(() => Boolean("wait", fallback: true), true);
        var waitTimeout = Read(() => Integer(Optional("wait-timeout"), "wait-timeout", 300, 1, MaxWaitSeconds), 300);
        var planFile = Read(() => Optional("plan-file") is { } file ? PathInside(workspace, "plan-file", file) : null, null);
        var region = Read(() => ParseRegion(Optional("aws-region"), environment), null);
        var role = Read(() => ParseRole(Optional), null);
        var scope = Read(() => ParseScope(Optional("scope"), environment), PlanScope.All);
        var comment = Read(() => Boolean("comment-on-pr", fallback: false) ? new PullRequestCommentSettings(Optional("github-token")) : null, null);
        if (role is not null && region is null && errors.Count == 0)
        {
            errors.Add("Input 'aws-region' is required with 'role-to-assume' (or set AWS_REGION).");
        }

        if (errors.Count > 0)
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, string.Join('\n', errors));
        }

        // Their own codes (GMX6111, GMX6112, GMX6281): a wrong map or stage list is named as such, not as a generic invalid input.
        var accountRoles = AccountRoles.Parse(Optional("account-roles"), "account-roles");
        var deployStages = Gitmoxi.LambdaSources.EngineOptions.ParseRestApiDeployStages(Optional("rest-api-deploy-stages"), "rest-api-deploy-stages");

        return new ActionSettings(
            workspace, path, mode, Optional("function-name"), Optional("function-alias"), prune, wait,
            TimeSpan.FromSeconds(waitTimeout), planFile, region, role, ReadEndpoints(environment), comment, scope)
        {
            Repository = Optional("repository") ?? environment.Get("GITHUB_REPOSITORY"),
            GitHubToken = Optional("github-token"),
            AccountRoles = accountRoles,
            RestApiDeployStages = deployStages,
        };
    }

    private static ActionMode ParseMode(string? value, string? eventName) => value?.ToLowerInvariant() switch
    {
        null or "auto" => eventName?.StartsWith("pull_request", StringComparison.Ordinal) == true ? ActionMode.Plan : ActionMode.Apply,
        "plan" => ActionMode.Plan,
        "apply" => ActionMode.Apply,
        _ => throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input 'mode' must be plan, apply or auto; got '{value}'."),
    };

    private static PlanScope ParseScope(string? value, RunnerEnvironment environment) => value?.ToLowerInvariant() switch
    {
        null => environment.IsPullRequestEvent ? PlanScope.Changed : PlanScope.All,
        "all" => PlanScope.All,
        "changed" when environment.IsPullRequestEvent => PlanScope.Changed,
        "changed" => throw new GitmoxiException(DiagnosticCodes.InvalidProperty, 
            $"Input 'scope': changed compares a pull request's base and head, so it needs a pull_request* event; this is '{environment.EventName ?? "no event"}'. Use scope: all."),
        _ => throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input 'scope' must be changed or all; got '{value}'."),
    };

    private static string ExistingPathInside(string workspace, string name, string value)
    {
        var full = PathInside(workspace, name, value);
        return File.Exists(full) || Directory.Exists(full)
            ? full
            : throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input '{name}': '{value}' does not exist in the workspace {workspace}.");
    }

    private static string PathInside(string workspace, string name, string value) =>
        WorkspacePaths.ResolveInside(workspace, value)
        ?? throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input '{name}': '{value}' is outside the workspace {workspace}; only paths inside it are allowed.");

    private static int Integer(string? value, string name, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input '{name}' must be a whole number of seconds from {min} to {max}; got '{value}'.");
    }

    private static string? ParseRegion(string? input, RunnerEnvironment environment)
    {
        var (source, region) = input is not null ? ("Input 'aws-region'", input)
            : environment.Get("AWS_REGION") is { } fromRegion ? ("AWS_REGION", fromRegion)
            : environment.Get("AWS_DEFAULT_REGION") is { } fromDefault ? ("AWS_DEFAULT_REGION", fromDefault)
            : ("", null);
        return region is null || RegionPattern().IsMatch(region)
            ? region
            : throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"{source} must be an AWS region name such as us-east-1; got '{region}'.");
    }

    private static RoleSettings? ParseRole(Func<string, string?> optional)
    {
        if (optional("role-to-assume") is not { } roleArn)
        {
            return null;
        }

        if (!RoleArnPattern().IsMatch(roleArn))
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input 'role-to-assume' must be an IAM role ARN such as arn:aws:iam::123456789012:role/deploy; got '{roleArn}'.");
        }

        var sessionName = optional("role-session-name") ?? "GitHubActions";
        if (!SessionNamePattern().IsMatch(sessionName))
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input 'role-session-name' must be 2 to 64 characters of letters, digits and +=,.@_-; got '{sessionName}'.");
        }

        var duration = Integer(optional("role-duration-seconds"), "role-duration-seconds", 3600, 900, 43200);
        return new RoleSettings(roleArn, optional("audience") ?? "sts.amazonaws.com", sessionName, duration);
    }

    private static AwsEndpoints ReadEndpoints(RunnerEnvironment environment)
    {
        var fallback = environment.Get("AWS_ENDPOINT_URL");
        return new AwsEndpoints(
            environment.Get("AWS_ENDPOINT_URL_STS") ?? fallback,
            environment.Get("AWS_ENDPOINT_URL_LAMBDA") ?? fallback,
            environment.Get("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2") ?? fallback,
            environment.Get("AWS_ENDPOINT_URL_APIGATEWAYV2") ?? fallback);
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$")]
    private static partial Regex RoleArnPattern();

    /// <summary>STS's <c>[\w+=,.@-]*</c>, with <c>\w</c> meant as ASCII (.NET's would admit any letter).</summary>
    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
