namespace Gitmoxi.TestSupport;

/// <summary>Per-test emulator settings; <see cref="Emulator.ResetAsync"/> restores <see cref="Default"/>.</summary>
/// <param name="Corrections">False serves every corrected API (ESMs, Lambda permissions, ELBv2 lambda targets,
/// API Gateway V2) from plain moto, to show what moto does.</param>
/// <param name="StateTransitionDelay">How long Creating/Updating/Enabling/Disabling/Deleting last.</param>
/// <param name="PermissionWriteRace">True makes AddPermission/RemovePermission a slow read-modify-write, so calls that
/// overlap on one policy lose each other's statements, as AWS can: for tests that prove the code under test serializes
/// policy changes per function.</param>
public sealed record EmulatorConfiguration(bool Corrections, TimeSpan StateTransitionDelay, bool PermissionWriteRace = false)
{
    /// <summary>The profile that adds <see cref="ProfileLatency"/> to every call and enforces AWS's documented rate limits.</summary>
    public const string RealAwsProfile = "real-aws";

    public static EmulatorConfiguration Default { get; } = new(Corrections: true, StateTransitionDelay: TimeSpan.FromMilliseconds(300));

    /// <summary>Transitions settle on the next call: for tests that are not about waiting.</summary>
    public static EmulatorConfiguration Instant { get; } = Default with { StateTransitionDelay = TimeSpan.Zero };

    /// <summary>Injected faults; null injects none. Each <see cref="Emulator.ConfigureAsync"/> starts the seeded sequence over.</summary>
    public FaultProfile? Faults { get; init; }

    /// <summary><see cref="RealAwsProfile"/> or null (the raw emulator).</summary>
    public string? Profile { get; init; }

    /// <summary>Which output members of the botocore model moto left out every successful answer to a client gets
    /// (model-valid values; paging tokens stay absent), so the clients' parsers see fuller responses.</summary>
    public ResponseCompletion CompleteResponses { get; init; } = ResponseCompletion.StatusMembers;

    /// <summary>Per-call latency of <see cref="RealAwsProfile"/>.</summary>
    public TimeSpan ProfileLatency { get; init; } = TimeSpan.FromMilliseconds(50);
}

/// <summary>How the launcher completes moto's answers (<c>emulator/gitmoxi_emulator/completion.py</c>).</summary>
public enum ResponseCompletion
{
    /// <summary>moto's answers as they are.</summary>
    Off,

    /// <summary>The default: every member no request of the service can set (states, reasons, timestamps, ARNs AWS
    /// assigns); settings and list items are left as moto gave them, since an invented one would be real to the code
    /// under test.</summary>
    StatusMembers,

    /// <summary>Every member at every depth, and an empty list gets one complete item: to prove a client parses a full answer.</summary>
    AllMembers,
}
