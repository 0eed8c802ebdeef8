namespace Gitmoxi.Action.GitHub;

/// <summary>
/// The process's stdout and stderr behind secret scrubbers, the masker that feeds them, and the workflow
/// command writer on the scrubbed stdout. Everything the host prints goes through here.
/// </summary>
public sealed class ActionConsole : IDisposable
{
    public ActionConsole(TextWriter rawOut, TextWriter rawError)
    {
        Masker = new SecretMasker(rawOut);
        Out = new ScrubbingTextWriter(rawOut, Masker);
        Error = new ScrubbingTextWriter(rawError, Masker);
        Commands = new WorkflowCommands(Out);
    }

    public SecretMasker Masker { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public WorkflowCommands Commands { get; }

    public void Dispose()
    {
        Out.Dispose();
        Error.Dispose();
    }
}
