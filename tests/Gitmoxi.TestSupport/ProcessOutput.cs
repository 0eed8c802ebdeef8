using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Gitmoxi.TestSupport;

/// <summary>Reads the launcher's stdout for the ready line and keeps the tail of its stderr for error messages.</summary>
internal sealed class ProcessOutput : IDisposable
{
    private const int StandardErrorLimit = 64 * 1024;

    private readonly Process process;
    private readonly string readyPrefix;
    private readonly StringBuilder standardError = new();
    private readonly TaskCompletionSource<int> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProcessOutput(Process process, string readyPrefix)
    {
        this.process = process;
        this.readyPrefix = readyPrefix;
        process.OutputDataReceived += OnOutput;
        process.ErrorDataReceived += OnError;
        process.EnableRaisingEvents = true;
        process.Exited += OnExited;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StandardError
    {
        get
        {
            lock (standardError)
            {
                return standardError.ToString();
            }
        }
    }

    public async Task<int> WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await ready.Task.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        process.OutputDataReceived -= OnOutput;
        process.ErrorDataReceived -= OnError;
        process.Exited -= OnExited;
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is { } line && line.StartsWith(readyPrefix, StringComparison.Ordinal))
        {
            ready.TrySetResult(int.Parse(line.AsSpan(readyPrefix.Length), CultureInfo.InvariantCulture));
        }
    }

    private void OnError(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (standardError)
        {
            standardError.AppendLine(e.Data);
            if (standardError.Length > StandardErrorLimit)
            {
                standardError.Remove(0, standardError.Length - StandardErrorLimit);
            }
        }
    }

    private void OnExited(object? sender, EventArgs e)
    {
        // Exited can fire before the last stderr lines arrive; WaitForExit() drains the async readers.
        process.WaitForExit();
        ready.TrySetException(new EmulatorExitedException(process.ExitCode, StandardError));
    }
}

internal sealed class EmulatorExitedException(int exitCode, string standardError) : Exception($"exited with {exitCode}")
{
    public int ExitCode { get; } = exitCode;

    public string StandardError { get; } = standardError;
}
