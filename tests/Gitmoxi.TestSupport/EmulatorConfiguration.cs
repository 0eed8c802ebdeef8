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
    public static EmulatorConfiguration Default { get; } = new(Corrections: true, StateTransitionDelay: TimeSpan.FromMilliseconds(300));

    /// <summary>Transitions settle on the next call: for tests that are not about waiting.</summary>
    public static EmulatorConfiguration Instant { get; } = Default with { StateTransitionDelay = TimeSpan.Zero };
}
