using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>A raw emulator answer: status code, body text and the AWS error code from <c>X-Amzn-ErrorType</c>.</summary>
public sealed record EmulatorResponse(int StatusCode, string Body, string? ErrorType)
{
    /// <summary>The body parsed as JSON (null when empty).</summary>
    public JsonNode? Json => string.IsNullOrWhiteSpace(Body) ? null : JsonNode.Parse(Body);
}
