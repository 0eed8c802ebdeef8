using System.Runtime.InteropServices;
using Gitmoxi.Action;
using Gitmoxi.Action.GitHub;

// Ctrl+C locally, SIGTERM when the runner cancels the job: both cancel the token, the host finishes its
// writes and returns an exit code (no Environment.Exit).
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

// The environment is read here, once; everything below takes it from this object.
var environment = RunnerEnvironment.FromProcess();

// From here on, whatever anyone prints (the AWS SDK included) passes the secret scrubber.
using var console = new ActionConsole(Console.Out, Console.Error);
Console.SetOut(console.Out);
Console.SetError(console.Error);

IActionRunner engine = new EngineEntryPoint(environment, new WorkflowLogger(console.Out, console.Commands, groups: environment.IsGitHubActions));
var host = new ActionHost(environment, console, engine, HostOptions.Default);
return await host.RunAsync(args, Directory.GetCurrentDirectory(), cancellation.Token);
