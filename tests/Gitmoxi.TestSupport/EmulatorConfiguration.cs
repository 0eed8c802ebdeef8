namespace Gitmoxi.TestSupport;

/// <summary>Per-test emulator settings; <see cref="Emulator.ResetAsync"/> restores <see cref="Default"/>.</summary>
/// <param name="Corrections">False serves the event source mapping API from plain moto (to show what moto does).</param>
/// <param name="StateTransitionDelay">How long Creating/Updating/Enabling/Disabling/Deleting last.</param>
public sealed record EmulatorConfiguration(bool Corrections, TimeSpan StateTransitionDelay)
{
    public static EmulatorConfiguration Default { get; } = new(Corrections: true, StateTransitionDelay: TimeSpan.FromMilliseconds(300));

    /// <summary>Transitions settle on the next call: for tests that are not about waiting.</summary>
    public static EmulatorConfiguration Instant { get; } = Default with { StateTransitionDelay = TimeSpan.Zero };
}
