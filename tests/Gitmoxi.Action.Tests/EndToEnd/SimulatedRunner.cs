using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// A GitHub runner as a Docker action sees it: a workspace holding a copy of the repository's <c>examples/</c>
/// (inputs filled from the emulator's world, as demo.sh does), fresh <c>GITHUB_OUTPUT</c> and
/// <c>GITHUB_STEP_SUMMARY</c> files for each step, <c>INPUT_*</c> variables with hyphens kept, and AWS pointed
/// at the emulator. Nothing of the test process's own environment leaks in but PATH and HOME.
/// </summary>
internal sealed class SimulatedRunner(ActionBinary binary, Uri emulator) : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    private readonly TempDirectory root = new();
    private int steps;

    public string Workspace => Path.Combine(root.Path, "workspace");

    /// <summary>Seeds the world of examples/demo-world.json and lays out the workspace with the seeded values.</summary>
    public static async Task<SimulatedRunner> CreateAsync(ActionBinary binary, Emulator emulator, CancellationToken cancellationToken)
    {
        var runner = new SimulatedRunner(binary, emulator.Endpoint);
        var repository = ActionBinary.RepositoryRoot();
        var config = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(repository, "examples", "demo-world.json"), cancellationToken))!;
        var seeded = await emulator.SeedAsync(config["world"]!.AsObject(), cancellationToken);
        CopyDirectory(Path.Combine(repository, "examples"), Path.Combine(runner.Workspace, "examples"));
        foreach (var (file, values) in config["inputs"]!.AsObject())
        {
            var path = Path.Combine(runner.Workspace, "examples", file);
            var inputs = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!.AsObject();
            foreach (var (key, keys) in values!.AsObject())
            {
                inputs[key] = keys!.AsArray().Aggregate((JsonNode)seeded.Json, (node, k) => node[(string)k!]!).DeepClone();
            }

            await File.WriteAllTextAsync(path, inputs.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }

        return runner;
    }

    /// <summary>A runner whose workspace is empty (not yet created), for tests that lay out their own repository.</summary>
    public static SimulatedRunner WithEmptyWorkspace(ActionBinary binary, Emulator emulator) => new(binary, emulator.Endpoint);

    /// <summary>Writes a file into the workspace (relative path).</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Workspace, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs one step of the Action and waits for it to exit.</summary>
    /// <param name="inputs">The <c>with:</c> block: input name → value.</param>
    /// <param name="variables">More variables (OIDC, endpoint overrides), applied last.</param>
    public async Task<ActionRun> RunAsync(
        string eventName,
        IReadOnlyDictionary<string, string> inputs,
        IReadOnlyDictionary<string, string>? variables,
        CancellationToken cancellationToken)
    {
        using var step = Start(eventName, inputs, variables);
        var process = step.Process;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The Action did not exit within {StepTimeout}; stdout so far:\n{await stdout}");
        }

        return new ActionRun(process.ExitCode, await stdout, await stderr, File.ReadAllText(step.SummaryFile), File.ReadAllText(step.OutputFile));
    }

    /// <summary>Starts one step of the Action and returns at once, for tests that read its output while it runs.</summary>
    public RunningStep Start(string eventName, IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, string>? variables)
    {
        var step = Interlocked.Increment(ref steps);
        var commands = Path.Combine(root.Path, "runner_temp", "_runner_file_commands");
        Directory.CreateDirectory(commands);
        var outputFile = Path.Combine(commands, $"set_output_{step}");
        var summaryFile = Path.Combine(commands, $"step_summary_{step}");
        File.WriteAllText(outputFile, "");
        File.WriteAllText(summaryFile, "");

        var start = new ProcessStartInfo(binary.FileName)
        {
            WorkingDirectory = Workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in binary.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["GITHUB_ACTIONS"] = "true";
        start.Environment["CI"] = "true";
        start.Environment["GITHUB_WORKSPACE"] = Workspace;
        start.Environment["GITHUB_EVENT_NAME"] = eventName;
        start.Environment["GITHUB_OUTPUT"] = outputFile;
        start.Environment["GITHUB_STEP_SUMMARY"] = summaryFile;
        start.Environment["RUNNER_TEMP"] = Path.Combine(root.Path, "runner_temp");
        start.Environment["AWS_ENDPOINT_URL"] = emulator.ToString();
        start.Environment["AWS_REGION"] = Emulator.Region;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        foreach (var (name, value) in inputs)
        {
            // The runner upper-cases the name and turns spaces into underscores; hyphens stay.
            start.Environment["INPUT_" + name.Replace(' ', '_').ToUpperInvariant()] = value;
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary.FileName}.");
        process.StandardInput.Close();
        return new RunningStep(process, summaryFile, outputFile);
    }

    /// <summary>Static credentials for the default AWS chain (steps without role-to-assume).</summary>
    public static Dictionary<string, string> StaticCredentials() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = Emulator.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = Emulator.SecretAccessKey,
    };

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => root.Dispose();
}

/// <summary>A step still running: its process (stdout and stderr redirected) and the runner files it writes.</summary>
internal sealed record RunningStep(Process Process, string SummaryFile, string OutputFile) : IDisposable
{
    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
