using System.Diagnostics;

namespace Gitmoxi.Action.Tests.Support;

/// <summary>A real git repository on disk, driven with the git command line as a developer would.</summary>
internal sealed class GitRepository(string path)
{
    public string Path { get; } = path;

    public static GitRepository Init(string path)
    {
        Directory.CreateDirectory(path);
        var repository = new GitRepository(path);
        repository.Run("init", "--quiet", "--initial-branch=main");
        return repository;
    }

    public void Write(string relativePath, string content)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    /// <returns>The new commit's id.</returns>
    public string CommitAll(string message)
    {
        Run("add", "--all");
        Run("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "--quiet", "--allow-empty", "-m", message);
        return Run("rev-parse", "HEAD").Trim();
    }

    /// <summary>Clones <paramref name="source"/> with only the last <paramref name="depth"/> commits, as actions/checkout does by default.</summary>
    public static GitRepository ShallowClone(GitRepository source, string path, int depth)
    {
        new GitRepository(System.IO.Path.GetDirectoryName(path)!).Run(
            "clone", "--quiet", "--depth", depth.ToString(System.Globalization.CultureInfo.InvariantCulture), new Uri(source.Path).AbsoluteUri, path);
        return new GitRepository(path);
    }

    public string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }
}
