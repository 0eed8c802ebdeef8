using System.Collections.Concurrent;

namespace Gitmoxi.TestSupport;

/// <summary>
/// Emulators idle between test classes of this test process. A class rents one for its lifetime (no other class
/// uses it meanwhile) and gives it back reset; the next class to start takes it instead of starting a new
/// launcher, which costs seconds of CPU (moto's import). So a test run starts about as many emulators as classes
/// run at once (two workers per assembly), not one per class. Idle ones die with the test process: the launcher
/// exits when its stdin closes, and <see cref="Emulator"/> kills it on process exit.
/// </summary>
internal static class EmulatorPool
{
    private static readonly ConcurrentBag<Emulator> Idle = [];

    public static async Task<Emulator> RentAsync(CancellationToken cancellationToken)
    {
        while (Idle.TryTake(out var idle))
        {
            if (idle.IsRunning)
            {
                return idle;
            }

            await idle.DisposeAsync();
        }

        return await Emulator.StartAsync(cancellationToken);
    }

    /// <summary>Resets the emulator and keeps it for the next class; one that fails to reset is stopped instead.</summary>
    public static async Task ReturnAsync(Emulator emulator)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await emulator.ResetAsync(timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OperationCanceledException)
        {
            await emulator.DisposeAsync();
            return;
        }

        Idle.Add(emulator);
    }
}
