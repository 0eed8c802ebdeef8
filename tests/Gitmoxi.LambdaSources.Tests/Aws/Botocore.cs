using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Gitmoxi.LambdaSources.Tests.Aws;

/// <summary>
/// Runs one of the Python scripts in <c>Aws/Oracle</c> with the installed botocore, the reference implementation
/// the engine's AWS layer is tested against: JSON in on stdin, JSON out on stdout. No network is used.
/// </summary>
internal static class Botocore
{
    public static async Task<JsonNode> RunAsync(string script, JsonNode input, CancellationToken cancellationToken, params string[] arguments)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Aws", "Oracle", script);
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // botocore must not pick up the developer's AWS configuration (region, endpoints, FIPS) unless a case sets it.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(input.ToJsonString().AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed with exit code {process.ExitCode}: {await error}");
        }

        return JsonNode.Parse(await output) ?? throw new InvalidOperationException($"{script} printed nothing.");
    }
}
