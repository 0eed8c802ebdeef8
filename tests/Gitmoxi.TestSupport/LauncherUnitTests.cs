using System.Diagnostics;

namespace Gitmoxi.TestSupport;

/// <summary>The launcher's own Python tests (<c>emulator/tests</c>, one per correction), run the way a developer runs
/// them: <c>python3 -m unittest</c> in the <c>emulator</c> folder (here the copy in the test output).</summary>
public static class LauncherUnitTests
{
    /// <summary>Runs them and returns unittest's exit code and its report (stderr, then stdout).</summary>
    public static async Task<(int ExitCode, string Report)> RunAsync(CancellationToken cancellationToken)
    {
        var python = Executables.Find("python3") ?? Executables.Find("python")
            ?? throw new InvalidOperationException("python3 is not on PATH: the launcher's tests need it, with moto (`pip install \"moto[server]\"`).");
        var start = new ProcessStartInfo(python) { WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "emulator") };
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add("unittest");
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var (exitCode, standardOutput, standardError) = await ChildProcess.RunAsync(start, cancellationToken);
        return (exitCode, standardError + standardOutput);
    }
}
