using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>One AWS CLI run: exit code, parsed JSON output, stderr and the AWS error code it reported, if any.</summary>
public sealed record AwsCliResult(int ExitCode, JsonNode? Output, string StandardError, string? ErrorCode)
{
    public bool Succeeded => ExitCode == 0;
}

public sealed class AwsCliException(IReadOnlyList<string> arguments, AwsCliResult result)
    : Exception($"aws {string.Join(' ', arguments)} failed with exit code {result.ExitCode}: {result.StandardError.Trim()}")
{
    public AwsCliResult Result { get; } = result;
}
