using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Rendering;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources;

/// <summary>
/// The engine both hosts drive, in one call (<see cref="RunAsync"/>): read the definition files, plan against live AWS
/// state, save or check the plan file, apply. It reports progress through the host's <see cref="ILogger"/> as it goes
/// and never prints; the <see cref="RunOutcome"/> renders itself as text and as Markdown.
/// </summary>
public sealed class LambdaSourcesEngine : IDisposable
{
    private readonly HttpClient? ownedHttpClient;
    private readonly Planner planner;
    private readonly Applier applier;
    private readonly ILogger logger;

    private LambdaSourcesEngine(AwsClients aws, EngineOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.logger = logger ?? NullLogger.Instance;
        planner = new Planner(aws, options, this.logger);
        applier = new Applier(aws, options, TimeProvider.System, this.logger);
    }

    private LambdaSourcesEngine(HttpClient httpClient, AwsSettings settings, EngineOptions options, ILogger? logger)
        : this(AwsClients.Create(httpClient, settings, logger: logger), options, logger: logger)
    {
        ownedHttpClient = httpClient;
    }

    /// <summary>An engine talking to AWS (or the endpoints the settings override) with its own HTTP connection pool.</summary>
    /// <param name="logger">Where progress goes (phases as scopes, steps, waits and retries); none when null.</param>
    public static LambdaSourcesEngine Create(AwsSettings settings, EngineOptions options, ILogger? logger = null) =>
        new(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, settings, options, logger);

    /// <summary>Reads and validates every definition file under <paramref name="path"/>; makes no AWS call.</summary>
    internal static Task<DefinitionSet> ReadAsync(string path, DefinitionOptions options, CancellationToken cancellationToken) =>
        DefinitionReader.ReadAsync(path, options, cancellationToken);

    /// <summary>Reads live state and diffs it against the definitions. A definition set with errors is not planned.</summary>
    internal Task<Plan> PlanAsync(DefinitionSet definitions, CancellationToken cancellationToken) =>
        planner.PlanAsync(definitions, cancellationToken);

    /// <summary>Executes the plan; always returns what was done, what failed and what was not attempted.</summary>
    internal Task<ApplyResult> ApplyAsync(Plan plan, CancellationToken cancellationToken) =>
        applier.ApplyAsync(plan, cancellationToken);

    /// <summary>Reads and validates the files of <paramref name="request"/> only: no AWS settings, no AWS call.</summary>
    public static async Task<RunOutcome> ValidateAsync(RunRequest request, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        logger ??= NullLogger.Instance;
        var definitions = await ReadLoggedAsync(request, logger, cancellationToken);
        return new RunOutcome(RunMode.Validate, new Plan([], definitions.Diagnostics), null, Definitions: definitions);
    }

    /// <summary>The sequence both hosts run: read, plan, save or check the plan file, apply.</summary>
    public async Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Mode == RunMode.Validate)
        {
            return await ValidateAsync(request, logger, cancellationToken);
        }

        var definitions = await ReadLoggedAsync(request, logger, cancellationToken);
        var scope = definitions.ChangeScope;
        var plan = ForgiveRemovedFunctions(await PlanLoggedAsync(definitions, cancellationToken), scope);
        if (request.Mode == RunMode.Plan)
        {
            if (request.PlanFile is null || plan.HasErrors)
            {
                return new RunOutcome(RunMode.Plan, plan, null, Scope: scope);
            }

            await File.WriteAllTextAsync(request.PlanFile, PlanJson.Serialize(plan), cancellationToken);
            Progress.SavedPlan(logger, request.PlanFile);
            return new RunOutcome(RunMode.Plan, plan, null, request.PlanFile, Scope: scope);
        }

        if (request.PlanFile is not null && !plan.HasErrors)
        {
            var saved = await ReadSavedPlanAsync(request.PlanFile, plan, cancellationToken);
            if (saved.HasErrors)
            {
                return new RunOutcome(RunMode.Apply, saved, null, request.PlanFile, Scope: scope);
            }

            Progress.SavedPlanCurrent(logger, request.PlanFile);
            plan = saved;
        }

        using (logger.BeginScope("Applying the plan"))
        {
            var result = await applier.ApplyAsync(plan, cancellationToken);
            Progress.ApplyDone(logger, ChangeActionText.ApplyTotals(result));
            return new RunOutcome(RunMode.Apply, plan, result, request.PlanFile, Scope: scope);
        }
    }

    /// <summary>A deleted group's function is often deleted with it: then nothing is left to prune, which is no error.</summary>
    private static Plan ForgiveRemovedFunctions(Plan plan, ScopeSummary? scope) =>
        scope is not { Removed.Count: > 0 } ? plan : plan with
        {
            Diagnostics = [.. plan.Diagnostics.Select(d => d is { Code: DiagnosticCodes.FunctionNotFound, Span: { } span } && scope.Removed.Contains(span.File)
                ? Diagnostic.Warning(d.Code, $"The function (or alias) of the deleted '{span.File}' does not exist either; nothing is left to prune.", span)
                : d)],
        };

    public void Dispose() => ownedHttpClient?.Dispose();

    private static async Task<DefinitionSet> ReadLoggedAsync(RunRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("Reading definition files");
        var definitions = await DefinitionReader.ReadAsync(
            request.Path,
            new DefinitionOptions(request.RootDirectory, request.DefaultFunctionName, request.DefaultAlias, request.Repository, request.Scope),
            logger,
            cancellationToken);
        var errors = definitions.Diagnostics.Count(d => d.IsError);
        Progress.ReadDefinitions(logger, definitions.Functions.Count, errors, definitions.Diagnostics.Count - errors);
        return definitions;
    }

    private async Task<Plan> PlanLoggedAsync(DefinitionSet definitions, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope("Planning against live AWS state");
        var plan = await planner.PlanAsync(definitions, cancellationToken);
        Progress.Planned(logger, ChangeActionText.Totals(plan.Totals));
        return plan;
    }

    /// <summary>
    /// A saved plan is applied only if planning again now gives the same plan: otherwise the files or the live
    /// state moved since it was reviewed, and applying it could undo someone else's change.
    /// </summary>
    private static async Task<Plan> ReadSavedPlanAsync(string planFile, Plan current, CancellationToken cancellationToken)
    {
        Plan saved;
        try
        {
            saved = PlanJson.DeserializePlan(await File.ReadAllTextAsync(planFile, cancellationToken));
        }
        catch (GitmoxiException e)
        {
            return Refuse(current, e.Code, $"The saved plan '{planFile}' cannot be read: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse(current, DiagnosticCodes.PlanFileUnreadable, $"The saved plan '{planFile}' cannot be read: {e.Message}");
        }

        // The operations and the live state they were planned from, never the rendered text: rewording a note changes nothing.
        return PlanJson.ApplyIdentity(saved) == PlanJson.ApplyIdentity(current)
            ? saved
            : Refuse(current, DiagnosticCodes.StalePlan, $"The saved plan '{planFile}' is stale: the definition files or the live AWS state changed since it was made. Plan again and review the new plan.");
    }

    private static Plan Refuse(Plan current, string code, string message) =>
        current with { Diagnostics = [.. current.Diagnostics, Diagnostic.Error(code, message)] };
}
