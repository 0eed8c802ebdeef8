using Amazon.Runtime;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Aws;
using Microsoft.Extensions.Logging;

namespace Gitmoxi.Action;

/// <summary>The one place the Action calls the engine: one run, its progress to <paramref name="logger"/>, its outcome rendered by the engine.</summary>
internal sealed class EngineEntryPoint(RunnerEnvironment environment, ILogger logger) : IActionRunner
{
    public async Task<ActionOutcome> RunAsync(ActionSettings settings, AWSCredentials? credentials, CancellationToken cancellationToken)
    {
        var mode = settings.Mode switch
        {
            ActionMode.Validate => RunMode.Validate,
            ActionMode.Plan => RunMode.Plan,
            _ => RunMode.Apply,
        };
        var request = new RunRequest(
            settings.Workspace, settings.Path, mode, settings.FunctionName, settings.FunctionAlias, settings.PlanFile, settings.Repository, settings.Changes);
        if (mode == RunMode.Validate)
        {
            // No AWS settings: validation must work in a job that has no credentials or Region.
            return ToActionOutcome(await LambdaSourcesEngine.ValidateAsync(request with { PlanFile = null }, logger, cancellationToken));
        }

        var aws = (credentials is null
            ? AwsSettings.FromEnvironment(environment.Variables, settings.Region)
            : AwsSettings.FromCredentials(environment.Variables, settings.Region!, credentials)).WithAccountRoles(settings.AccountRoles);
        using var engine = LambdaSourcesEngine.Create(aws, new EngineOptions(settings.Prune, settings.Wait, settings.WaitTimeout, RestApiDeployStages: settings.RestApiDeployStages), logger);
        if (mode == RunMode.Plan && settings.PlanFile is { } planFile)
        {
            // plan-file: out/plan.json should work in a fresh checkout, as upload-artifact paths do.
            Directory.CreateDirectory(Path.GetDirectoryName(planFile)!);
        }

        return ToActionOutcome(await engine.RunAsync(request, cancellationToken));
    }

    private static ActionOutcome ToActionOutcome(RunOutcome outcome)
    {
        // After apply, the outputs count what was done, not what was planned.
        var planned = outcome.Planned;
        var done = outcome.Applied ?? planned;
        var outputs = new ActionOutputs(planned.HasChanges, done.Create, done.Update, done.Replace, done.Delete, outcome.SavedPlanFile);
        return new ActionOutcome(outcome.RenderMarkdown(), outcome.RenderText(), outcome.Diagnostics, outputs, outcome.Succeeded, outcome);
    }
}
