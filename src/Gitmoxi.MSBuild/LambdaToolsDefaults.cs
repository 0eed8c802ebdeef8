using System.Text.Json;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.MSBuild;

/// <summary>
/// The values Amazon.Lambda.Tools keeps in a project's <c>aws-lambda-tools-defaults.json</c> that also decide
/// where event sources go, so a project already set up for <c>dotnet lambda deploy-function</c> needs no new settings.
/// </summary>
public sealed record LambdaToolsDefaults(string? FunctionName, string? Region, string? Profile)
{
    public const string FileName = "aws-lambda-tools-defaults.json";

    public static LambdaToolsDefaults None { get; } = new(null, null, null);

    /// <summary>Reads the file in <paramref name="projectDirectory"/>; a project without one has no defaults.</summary>
    /// <exception cref="GitmoxiException">
    /// <see cref="DiagnosticCodes.ToolsDefaultsUnreadable"/>, at the file (and position): the file exists but is not
    /// readable JSON with an object at its root.
    /// </exception>
    public static async Task<LambdaToolsDefaults> ReadAsync(string projectDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(projectDirectory, FileName);
        if (!File.Exists(path))
        {
            return None;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            // Amazon.Lambda.Tools reads this file leniently, and its templates have carried comments.
            using var document = await JsonDocument.ParseAsync(
                stream,
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true },
                cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Unreadable($"{FileName} must hold a JSON object.", new SourceSpan(path, 1, 1));
            }

            var root = document.RootElement;
            return new LambdaToolsDefaults(Text(root, "function-name"), Text(root, "region"), Text(root, "profile"));
        }
        catch (JsonException e)
        {
            // JsonException counts lines and bytes from 0; MSBuild and editors count from 1.
            var span = new SourceSpan(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1);
            throw Unreadable($"{FileName} is not valid JSON: {e.Message}", span, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable($"{FileName} cannot be read: {e.Message}", new SourceSpan(path, 0, 0), e);
        }
    }

    private static GitmoxiException Unreadable(string message, SourceSpan span, Exception? innerException = null) =>
        new(DiagnosticCodes.ToolsDefaultsUnreadable, message, innerException) { Span = span };

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
