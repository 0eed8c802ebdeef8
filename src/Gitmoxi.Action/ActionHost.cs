using Amazon.Runtime;
using Gitmoxi.Action.Credentials;
using Gitmoxi.Action.GitHub;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.Action;

/// <param name="Oidc">
/// Retries of the ID token request: the toolkit's http-client allows 10 retries of 502/503/504.
/// </param>
/// <param name="Sts">
/// Few attempts: STS answers a misconfiguration (wrong audience or trust policy) at once and that is not retried at
/// all; only throttling and transient faults are, and the job should not hang on them.
/// </param>
/// <param name="NewId">Random ids for output delimiters and stop-commands tokens (fixed in tests).</param>
public sealed record HostOptions(Backoff Oidc, Backoff Sts, TimeSpan HttpTimeout, Func<string> NewId)
{
    public static HostOptions Default { get; } = new(
        new Backoff(11, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)),
        new Backoff(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8)),
        TimeSpan.FromSeconds(30),
        () => Guid.NewGuid().ToString());
}

/// <summary>
/// The Action from start to exit code: settings, credentials, the engine, then the results written the way
/// GitHub reads them. Failures become an <c>::error::</c> titled with their code and exit code 1 (<c>core.setFailed</c>).
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

            if (commandLine.VersionRequested)
            {
                console.Out.Write(ProductVersion.Of(typeof(ActionHost).Assembly) + "\n");
                return 0;
            }

            var settings = ActionSettings.Create(environment, commandLine.Inputs, currentDirectory);
            if (commandLine.ValidateOnly)
            {
                settings = settings with { Mode = ActionMode.Validate };
            }

            var (scoped, failure) = await ChangeScope.ResolveAsync(settings, environment, console, options.HttpTimeout, cancellationToken);
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
        catch (GitmoxiException e)
        {
            console.Commands.Error(e.Message, new AnnotationProperties(Title: e.Code));
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Commands.Error("Cancelled before finishing.", new AnnotationProperties(Title: DiagnosticCodes.Canceled));
            return 1;
        }
#pragma warning disable CA1031 // The last line of defence: any bug must still fail the step with a message.
        catch (Exception e)
#pragma warning restore CA1031
        {
            console.Commands.Error($"Unexpected failure ({e.GetType().Name}): {e.Message}", new AnnotationProperties(Title: DiagnosticCodes.UnexpectedFailure));
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
        // STS goes where the engine's clients go: one endpoint resolution (FIPS, dual-stack, partitions, overrides).
        // A bad endpoint setting is an AwsConfigurationException: a coded GitmoxiException, reported as such.
        var sts = AwsEndpointConfiguration.FromEnvironment(environment.Variables).Resolve(AwsService.Sts, region);

        return await assumer.AssumeRoleAsync(role, region, sts.AbsoluteUri, cancellationToken);
    }
}
