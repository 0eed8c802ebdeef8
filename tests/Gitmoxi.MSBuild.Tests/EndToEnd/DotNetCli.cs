using System.Diagnostics;
using Gitmoxi.TestSupport;

namespace Gitmoxi.MSBuild.Tests.EndToEnd;

/// <summary>Exit code and everything the command printed, stdout and stderr together.</summary>
internal sealed record DotNetResult(int ExitCode, string Output);

/// <summary>
/// Runs the real <c>dotnet</c> the way a developer would, against the emulator: the environment is the test's, minus
/// anything MSBuild or AWS related that would leak the test host's build or the machine's AWS setup into the child.
/// </summary>
internal static class DotNetCli
{
    public static async Task<DotNetResult> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, Uri? awsEndpoint, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        // No node reuse and no build servers: nothing outlives the command, and each run loads the task afresh.
        foreach (var argument in (string[])[.. arguments, "-nodeReuse:false", "--disable-build-servers"])
        {
            start.ArgumentList.Add(argument);
        }

        Isolate(start.Environment, awsEndpoint);
        var (exitCode, standardOutput, standardError) = await ChildProcess.RunAsync(start, cancellationToken);
        return new DotNetResult(exitCode, standardOutput + standardError);
    }

    private static void Isolate(IDictionary<string, string?> environment, Uri? awsEndpoint)
    {
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("AWS_", StringComparison.Ordinal)
                || name is "GITHUB_STEP_SUMMARY" or "DOTNET_HOST_PATH")
            {
                environment.Remove(name);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (awsEndpoint is null)
        {
            return;
        }

        environment["AWS_ENDPOINT_URL"] = awsEndpoint.ToString();
        environment["AWS_ACCESS_KEY_ID"] = Emulator.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = Emulator.SecretAccessKey;
        environment["AWS_REGION"] = Emulator.Region;
        environment["AWS_CONFIG_FILE"] = "/nonexistent/aws/config";
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws/credentials";
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }
}
