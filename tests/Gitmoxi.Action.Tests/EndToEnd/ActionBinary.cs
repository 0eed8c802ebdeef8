using System.Diagnostics;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// The Action's real entrypoint as a command: the Native AOT binary, as the Docker image runs it.
/// <list type="bullet">
/// <item><c>GITMOXI_ACTION_BINARY</c> names a binary already published, absolute or from the repository root (CI runs build/publish-action.sh first);</item>
/// <item><c>GITMOXI_ACTION_E2E_DOTNET=1</c> runs the JIT build next to the tests through <c>dotnet</c> instead (quick local loops);</item>
/// <item>otherwise the tests publish it once with build/publish-action.sh, the Dockerfile's own command.</item>
/// </list>
/// </summary>
internal sealed record ActionBinary(string FileName, IReadOnlyList<string> Arguments, string Description)
{
    public const string BinaryVariable = "GITMOXI_ACTION_BINARY";
    public const string DotnetVariable = "GITMOXI_ACTION_E2E_DOTNET";

    public static async Task<ActionBinary> LocateAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } binary)
        {
            // A relative path is read from the repository root (the test host's working directory is its bin folder).
            var full = Path.GetFullPath(binary, RepositoryRoot());
            return File.Exists(full)
                ? new ActionBinary(full, [], $"the AOT binary {full} ({BinaryVariable})")
                : throw new InvalidOperationException($"{BinaryVariable} names {full}, which does not exist.");
        }

        if (Environment.GetEnvironmentVariable(DotnetVariable) == "1")
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "Gitmoxi.Action.dll");
            return new ActionBinary("dotnet", [dll], $"dotnet {dll} (JIT, {DotnetVariable}=1)");
        }

        return await PublishAsync(cancellationToken);
    }

    private static async Task<ActionBinary> PublishAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var output = Path.Combine(root, "artifacts", "action-e2e");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "build", "publish-action.sh"));
        start.ArgumentList.Add(output);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start build/publish-action.sh.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"build/publish-action.sh failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        var binary = Path.Combine(output, "Gitmoxi.Action");
        return new ActionBinary(binary, [], $"the AOT binary {binary} (published by the tests)");
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gitmoxi.Action.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Gitmoxi.Action.sln above {AppContext.BaseDirectory}.");
    }
}
