using System.ComponentModel;
using System.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <summary>The git command's answer: exit code, raw output (file contents are bytes), and its error text.</summary>
internal sealed record GitResult(int ExitCode, byte[] Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>git could not be started: the image or machine has no git on PATH.</summary>
internal sealed class GitUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// The checkout in the workspace, read with the git command line. <c>safe.directory</c> is set for this one call
/// because the runner mounts the workspace into a Docker action owned by another user, which git otherwise refuses.
/// </summary>
internal sealed class GitCheckout(string workspace)
{
    /// <exception cref="GitUnavailableException">git is not installed.</exception>
    public async Task<GitResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", "safe.directory=*", "-c", "core.quotepath=off", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        // Never ask for credentials or open a pager: nobody is there to answer.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitUnavailableException("git did not start.", new InvalidOperationException());
        }
        catch (Win32Exception e)
        {
            throw new GitUnavailableException($"git could not be started: {e.Message}", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await Task.WhenAll(copy, error, process.WaitForExitAsync(cancellationToken));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new GitResult(process.ExitCode, output.ToArray(), (await error).Trim());
        }
    }
}
