using Amazon.Runtime;
using Gitmoxi.Action.Credentials;
using Gitmoxi.Action.GitHub;

namespace Gitmoxi.Action;

/// <param name="NewId">Random ids for output delimiters and stop-commands tokens (fixed in tests).</param>
public sealed record HostOptions(BackoffPolicy Oidc, BackoffPolicy Sts, TimeSpan HttpTimeout, Func<string> NewId)
{
    public static HostOptions Default { get; } =
        new(BackoffPolicy.Oidc, BackoffPolicy.Sts, TimeSpan.FromSeconds(30), () => Guid.NewGuid().ToString());
}

/// <summary>
/// The Action from start to exit code: settings, credentials, the engine, then the results written the way
/// GitHub reads them. Failures become an <c>::error::</c> and exit code 1 (<c>core.setFailed</c>).
/// </summary>
public sealed class ActionHost(RunnerEnvironment environment, ActionConsole console, IActionRunner engine, HostOptions options)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, string currentDirectory, CancellationToken cancellationToken)
    {
        try
        {
            var commandLine = CommandLine.Parse(args);
            if (commandLine.HelpRequested)
            {
                console.Out.Write(CommandLine.Usage + "\n");
                return 0;
            }

            var settings = ActionSettings.Create(environment, commandLine.Inputs, currentDirectory);
            if (commandLine.ValidateOnly)
            {
                settings = settings with { Mode = ActionMode.Validate };
            }

            var (scoped, failure) = await ChangeScope.ResolveAsync(settings, environment, console, cancellationToken);
            if (failure is not null)
            {
                return new OutcomePublisher(environment, settings.Workspace, console, options.NewId).Publish(failure);
            }

            settings = scoped;
            var credentials = await GetCredentialsAsync(settings, cancellationToken);
            var outcome = await engine.RunAsync(settings, credentials, cancellationToken);
            var exitCode = new OutcomePublisher(environment, settings.Workspace, console, options.NewId).Publish(outcome);
            await new PullRequestComment(environment, console, options.HttpTimeout).PublishAsync(settings, outcome, cancellationToken);
            return exitCode;
        }
        catch (ActionException e)
        {
            console.Commands.Error(e.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Commands.Error("Cancelled before finishing.");
            return 1;
        }
#pragma warning disable CA1031 // The last line of defence: any bug must still fail the step with a message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            console.Commands.Error($"Unexpected failure ({e.GetType().Name}): {e.Message}");
            await console.Error.WriteAsync(e + "\n");
            return 1;
        }
        finally
        {
            await console.Out.FlushAsync(CancellationToken.None);
        }
    }

    /// <summary>Null without <c>role-to-assume</c>: the engine then uses the default AWS credential chain.</summary>
    private async Task<AWSCredentials?> GetCredentialsAsync(ActionSettings settings, CancellationToken cancellationToken)
    {
        if (settings is not { Role: { } role, Region: { } region } || settings.Mode == ActionMode.Validate)
        {
            return null;
        }

        using var http = new HttpClient { Timeout = options.HttpTimeout };
        var oidc = new OidcTokenClient(http, environment, console.Masker, options.Oidc);
        var assumer = new WebIdentityRoleAssumer(oidc, console.Masker, options.Sts, console.Out);
        return await assumer.AssumeRoleAsync(role, region, settings.Endpoints.Sts, cancellationToken);
    }
}
