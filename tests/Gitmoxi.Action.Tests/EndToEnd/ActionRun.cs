namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>Everything one step left behind: exit code, the log, and the two files the runner reads.</summary>
internal sealed record ActionRun(int ExitCode, string Stdout, string Stderr, string Summary, string Outputs)
{
    /// <summary>Every place a secret could leak to.</summary>
    public IEnumerable<(string Where, string Text)> Channels =>
        [("stdout", Stdout), ("stderr", Stderr), ("summary", Summary), ("outputs", Outputs)];

    public override string ToString() =>
        $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}\n--- summary\n{Summary}\n--- outputs\n{Outputs}";
}
