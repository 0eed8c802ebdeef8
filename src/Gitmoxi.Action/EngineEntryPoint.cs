using Amazon.Runtime;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;

namespace Gitmoxi.Action;

/// <summary>The one place the Action calls the engine: definitions → plan → apply, then the renderers.</summary>
internal sealed class EngineEntryPoint(RunnerEnvironment environment) : IActionRunner
{
    public async Task<ActionOutcome> RunAsync(ActionSettings settings, AWSCredentials? credentials, CancellationToken cancellationToken)
    {
        if (settings.Mode == ActionMode.Validate)
        {
            var definitions = await LambdaSourcesEngine.ReadAsync(
                settings.Path, new DefinitionOptions(settings.Workspace, settings.FunctionName, settings.FunctionAlias), cancellationToken);
            return ValidationReport.Create(definitions, settings.Workspace);
        }

        using var engine = LambdaSourcesEngine.Create(
            AwsSettingsFor(settings, credentials),
            new EngineOptions(settings.Prune, settings.Wait, settings.WaitTimeout));
        var mode = settings.Mode == ActionMode.Plan ? RunMode.Plan : RunMode.Apply;
        if (mode == RunMode.Plan && settings.PlanFile is { } planFile)
        {
            // plan-file: out/plan.json should work in a fresh checkout, as upload-artifact paths do.
            Directory.CreateDirectory(Path.GetDirectoryName(planFile)!);
        }

        var request = new RunRequest(
            settings.Workspace, settings.Path, mode, settings.FunctionName, settings.FunctionAlias, settings.PlanFile, settings.Changes);
        var outcome = await EngineRun.RunAsync(engine, request, cancellationToken);
        return ToActionOutcome(outcome, settings.PlanFile);
    }

    private AwsSettings AwsSettingsFor(ActionSettings settings, AWSCredentials? credentials)
    {
        try
        {
            return credentials is null
                ? AwsSettings.FromEnvironment(environment.Variables, settings.Region)
                : AwsSettings.FromCredentials(environment.Variables, settings.Region!, credentials);
        }
        catch (AwsConfigurationException e)
        {
            throw new ActionException(e.Message);
        }
    }

    private static ActionOutcome ToActionOutcome(RunOutcome outcome, string? planFile)
    {
        var unscoped = ToUnscopedOutcome(outcome, planFile);
        return outcome.Scope is { } scope
            ? unscoped with
            {
                SummaryMarkdown = ChangeScope.AddToMarkdown(unscoped.SummaryMarkdown, scope),
                ConsoleText = ChangeScope.AddToText(unscoped.ConsoleText, scope),
            }
            : unscoped;
    }

    private static ActionOutcome ToUnscopedOutcome(RunOutcome outcome, string? planFile)
    {
        var plan = outcome.Plan;
        var console = PlanTextRenderer.Render(plan);
        if (outcome.Result is not { } result)
        {
            var totals = plan.Totals;
            return new ActionOutcome(
                PlanMarkdownRenderer.Render(plan),
                console,
                outcome.Diagnostics,
                new ActionOutputs(totals.HasChanges, totals.Create, totals.Update, totals.Replace, totals.Delete, plan.HasErrors ? null : planFile),
                outcome.Succeeded,
                outcome);
        }

        // After apply, the outputs count what was done, not what was planned.
        int Done(ChangeAction action) => result.Functions
            .SelectMany(f => f.Changes)
            .Count(c => c.Change.Action == action && c.Outcome == ChangeOutcome.Succeeded);
        return new ActionOutcome(
            ApplyResultMarkdownRenderer.Render(result),
            console + "\n" + ApplyResultTextRenderer.Render(result),
            outcome.Diagnostics,
            new ActionOutputs(plan.Totals.HasChanges, Done(ChangeAction.Create), Done(ChangeAction.Update), Done(ChangeAction.Replace), Done(ChangeAction.Delete), planFile),
            outcome.Succeeded,
            outcome);
    }
}
