using System.Collections;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Microsoft.Build.Framework;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace Gitmoxi.MSBuild;

/// <summary>Runs the engine once (<see cref="LambdaSourcesEngine.RunAsync"/>), its progress to the logger; a seam for tests.</summary>
internal delegate Task<RunOutcome> EngineRunner(
    AwsSettings settings, EngineOptions options, RunRequest request, ILogger logger, CancellationToken cancellationToken);

/// <summary>
/// Plans or applies the project's event source definitions after publish. An adapter only: properties become a
/// <see cref="RunRequest"/>, progress becomes normal-importance messages as it happens, diagnostics become MSBuild
/// errors and warnings with their codes and positions, and the plan and result are logged in the same text the Action
/// prints.
/// </summary>
public sealed class DeployEventSources : Microsoft.Build.Utilities.Task, ICancelableTask, IDisposable
{
    private readonly CancellationTokenSource cancellation = new();

    /// <summary>The folder of the project being published: default path, and where aws-lambda-tools-defaults.json is.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary><c>plan</c> or <c>apply</c> (the default).</summary>
    public string? Mode { get; set; }

    /// <summary>A definition file or a folder to search, relative to <see cref="ProjectDirectory"/>; default: the project folder.</summary>
    public string? Path { get; set; }

    public string? FunctionName { get; set; }

    public string? FunctionAlias { get; set; }

    public bool Prune { get; set; }

    public string? Region { get; set; }

    public string? Profile { get; set; }

    /// <summary>
    /// <c>GitmoxiAccountRoles</c>: the role to assume for each account a group declares (<c>environment.account</c>) that is
    /// not the credentials' own, as <c>ACCOUNT=ROLE_ARN</c> entries separated by <c>;</c> or new lines.
    /// </summary>
    public string? AccountRoles { get; set; }

    /// <summary>
    /// <c>GitmoxiRestApiDeployStages</c>: stage names (separated by <c>;</c>, <c>,</c> or new lines) deployed after apply on
    /// every REST API whose Lambda integrations the apply changed.
    /// </summary>
    public string? RestApiDeployStages { get; set; }

    /// <summary>
    /// The repository identity (<c>owner/name</c>) the owner record of everything applied names; default: the git
    /// remote <c>origin</c> of the repository holding the definitions, as the Action's <c>GITHUB_REPOSITORY</c> names it.
    /// </summary>
    public string? Repository { get; set; }

    /// <summary>Where to write the Markdown summary, relative to <see cref="ProjectDirectory"/>.</summary>
    public string? SummaryFile { get; set; }

    /// <summary>The environment the AWS settings come from; the process environment unless a test sets it.</summary>
    internal IReadOnlyDictionary<string, string>? Environment { get; set; }

    internal EngineRunner Runner { get; set; } = RunEngineAsync;

    public void Cancel() => cancellation.Cancel();

    public override bool Execute()
    {
        try
        {
            // Off MSBuild's thread, so no synchronization context can deadlock the wait.
            Task.Run(() => ExecuteAsync(cancellation.Token)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            LogCanceled();
        }

        return !Log.HasLoggedErrors;
    }

    public void Dispose() => cancellation.Dispose();

    private async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var environment = Environment ?? ReadProcessEnvironment();
        if (await ResolveAsync(environment, cancellationToken) is not var (settings, request))
        {
            return;
        }

        RunOutcome outcome;
        try
        {
            var options = new EngineOptions(Prune: Prune, RestApiDeployStages: EngineOptions.ParseRestApiDeployStages(RestApiDeployStages, "GitmoxiRestApiDeployStages"));
            outcome = await Runner(settings, options, request, new TaskLogger(Log), cancellationToken);
        }
        catch (GitmoxiException e)
        {
            LogDiagnostic(e.ToDiagnostic());
            return;
        }

        Log.LogMessage(MessageImportance.High, "{0}", outcome.RenderText());
        foreach (var diagnostic in outcome.Diagnostics)
        {
            LogDiagnostic(diagnostic with { Span = diagnostic.Span is { } span ? span with { File = System.IO.Path.GetFullPath(span.File, request.RootDirectory) } : null });
        }

        // Apply returns normally when canceled halfway, with what it did and did not do: that is logged above.
        if (cancellationToken.IsCancellationRequested)
        {
            LogCanceled();
        }

        // Not cancelable: after a canceled apply the summary is the record of what was done, and it is one local write.
        await WriteSummaryAsync(outcome.RenderMarkdown(log: "build log"), environment, CancellationToken.None);
    }

    /// <summary>Properties first, then aws-lambda-tools-defaults.json, then the AWS chain; null after logging why not.</summary>
    private async Task<(AwsSettings Settings, RunRequest Request)?> ResolveAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        if (ParseMode() is not { } mode)
        {
            LogHostError(DiagnosticCodes.InvalidProperty, $"GitmoxiMode must be 'plan' or 'apply', not '{Mode}'.");
            return null;
        }

        LambdaToolsDefaults defaults;
        try
        {
            defaults = await LambdaToolsDefaults.ReadAsync(ProjectDirectory, cancellationToken);
        }
        catch (GitmoxiException e)
        {
            LogDiagnostic(e.ToDiagnostic());
            return null;
        }

        AwsSettings settings;
        try
        {
            settings = AwsSettings.FromEnvironment(environment, NonEmpty(Region) ?? defaults.Region, NonEmpty(Profile) ?? defaults.Profile)
                .WithAccountRoles(LambdaSources.Aws.AccountRoles.Parse(AccountRoles, "GitmoxiAccountRoles"));
        }
        catch (GitmoxiException e)
        {
            LogDiagnostic(e.ToDiagnostic());
            return null;
        }

        var path = System.IO.Path.GetFullPath(NonEmpty(Path) ?? ".", ProjectDirectory);
        // The root only confines discovery; a folder given on purpose is trusted, wherever it is.
        var root = Directory.Exists(path) ? path : System.IO.Path.GetDirectoryName(path)!;
        var repository = NonEmpty(Repository) ?? OriginRepository(root);
        return (settings, new RunRequest(root, path, mode, NonEmpty(FunctionName) ?? defaults.FunctionName, NonEmpty(FunctionAlias), Repository: repository));
    }

    /// <summary>
    /// <c>owner/name</c> of the remote <c>origin</c> in the git config of the repository holding <paramref name="directory"/>
    /// (a worktree's <c>.git</c> file leads to its common config); null when there is none. Read, not run: no git needed.
    /// </summary>
    internal static string? OriginRepository(string directory)
    {
        var marker = System.IO.Path.Combine(Ownership.RepositoryRoot(directory), ".git");
        var gitDirectory = marker;
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            gitDirectory = System.IO.Path.GetFullPath(pointer["gitdir:".Length..].Trim(), System.IO.Path.GetDirectoryName(marker)!);
            var common = System.IO.Path.Combine(gitDirectory, "commondir");
            if (File.Exists(common))
            {
                gitDirectory = System.IO.Path.GetFullPath(File.ReadAllText(common).Trim(), gitDirectory);
            }
        }

        var config = System.IO.Path.Combine(gitDirectory, "config");
        if (!File.Exists(config))
        {
            return null;
        }

        var inOrigin = false;
        foreach (var line in File.ReadLines(config).Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
            {
                inOrigin = line.Replace(" ", "", StringComparison.Ordinal) == "[remote\"origin\"]";
            }
            else if (inOrigin && line.Split('=', 2) is [var key, var value] && key.Trim() == "url")
            {
                return Ownership.RepositoryFromRemote(value.Trim());
            }
        }

        return null;
    }

    private RunMode? ParseMode() => NonEmpty(Mode)?.ToUpperInvariant() switch
    {
        null or "APPLY" => RunMode.Apply,
        "PLAN" => RunMode.Plan,
        _ => null,
    };

    private async Task WriteSummaryAsync(string markdown, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        try
        {
            if (NonEmpty(SummaryFile) is { } summaryFile)
            {
                var file = System.IO.Path.GetFullPath(summaryFile, ProjectDirectory);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, markdown, cancellationToken);
            }

            // A `dotnet publish` step in a workflow gets a job summary too.
            if (environment.TryGetValue("GITHUB_STEP_SUMMARY", out var stepSummary) && NonEmpty(stepSummary) is { } jobSummary)
            {
                await File.AppendAllTextAsync(jobSummary, markdown.EndsWith('\n') ? markdown : markdown + "\n", cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogHostError(DiagnosticCodes.SummaryNotWritten, $"The summary cannot be written: {e.Message}");
        }
    }

    private void LogDiagnostic(Diagnostic diagnostic)
    {
        var span = diagnostic.Span;
        if (diagnostic.IsError)
        {
            Log.LogError(null, diagnostic.Code, null, span?.File, span?.Line ?? 0, span?.Column ?? 0, 0, 0, "{0}", diagnostic.Message);
        }
        else
        {
            Log.LogWarning(null, diagnostic.Code, null, span?.File, span?.Line ?? 0, span?.Column ?? 0, 0, 0, "{0}", diagnostic.Message);
        }
    }

    private void LogHostError(string code, string message) => LogDiagnostic(Diagnostic.Error(code, message));

    private void LogCanceled() => LogHostError(
        DiagnosticCodes.Canceled,
        "Canceled: changes made before the cancellation stay; run again to finish converging.");

    private static async Task<RunOutcome> RunEngineAsync(
        AwsSettings settings, EngineOptions options, RunRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        using var engine = LambdaSourcesEngine.Create(settings, options, logger);
        return await engine.RunAsync(request, cancellationToken);
    }

    private static Dictionary<string, string> ReadProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(
                e => (string)e.Key,
                e => (string?)e.Value ?? "",
                OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
