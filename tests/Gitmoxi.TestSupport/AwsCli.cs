using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gitmoxi.TestSupport;

/// <summary>The AWS CLI pointed at one emulator, isolated from the developer's own AWS configuration.</summary>
internal sealed partial class AwsCli(Uri endpoint)
{
    public async Task<AwsCliResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var aws = Executables.Find("aws") ?? throw new InvalidOperationException("The AWS CLI (`aws`) is not on PATH.");
        var start = new ProcessStartInfo(aws);
        foreach (var argument in (string[])["--endpoint-url", endpoint.ToString(), "--region", Emulator.Region, "--output", "json", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Isolate(start.Environment);
        var (exitCode, text, error) = await ChildProcess.RunAsync(start, cancellationToken);
        var output = exitCode == 0 && !string.IsNullOrWhiteSpace(text) ? JsonNode.Parse(text) : null;
        var code = ErrorCode().Match(error) is { Success: true } match ? match.Groups[1].Value : null;
        return new AwsCliResult(exitCode, output, error, code);
    }

    private static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(name);
        }

        var nowhere = Path.Combine(Path.GetTempPath(), "gitmoxi-no-aws-config");
        environment["AWS_ACCESS_KEY_ID"] = Emulator.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = Emulator.SecretAccessKey;
        environment["AWS_DEFAULT_REGION"] = Emulator.Region;
        environment["AWS_CONFIG_FILE"] = nowhere;
        environment["AWS_SHARED_CREDENTIALS_FILE"] = nowhere;
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
        environment["AWS_PAGER"] = string.Empty;
        // moto answers unimplemented paths with 500; retrying those only slows the failing test down.
        environment["AWS_MAX_ATTEMPTS"] = "1";
        environment["AWS_RETRY_MODE"] = "standard";
    }

    [GeneratedRegex(@"An error occurred \(([^)]+)\)")]
    private static partial Regex ErrorCode();
}
