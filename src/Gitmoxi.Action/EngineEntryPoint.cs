using Amazon.Runtime;

namespace Gitmoxi.Action;

/// <summary>
/// ENGINE ENTRY POINT: the one place the Action calls the engine (definitions → plan → apply → renderers).
/// The engine is being written in parallel and is wired in here; until then the Action reports that it
/// cannot run rather than pretending to.
/// </summary>
internal sealed class EngineEntryPoint : IActionRunner
{
    public Task<ActionOutcome> RunAsync(ActionSettings settings, AWSCredentials? credentials, CancellationToken cancellationToken) =>
        throw new ActionException("The Gitmoxi engine is not wired into this build of the Action yet.");
}
