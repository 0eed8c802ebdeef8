using System.Globalization;
using System.Text;

namespace Gitmoxi.Action.GitHub;

/// <summary>Where an annotation points; the toolkit's <c>AnnotationProperties</c>. Null or 0 values are left out.</summary>
public sealed record AnnotationProperties(
    string? Title = null,
    string? File = null,
    int? StartLine = null,
    int? EndLine = null,
    int? StartColumn = null,
    int? EndColumn = null);

/// <summary>
/// Workflow commands written to stdout, byte for byte as <c>@actions/core</c> writes them:
/// <c>::command k=v,k=v::data</c> and a <c>\n</c>.
/// </summary>
public sealed class WorkflowCommands(TextWriter output)
{
    /// <summary>
    /// The runner keeps the first 4,096 characters of an annotation's message (after decoding) and drops the rest
    /// without a trace, in the annotation and in the log line alike (<c>ExecutionContext._maxIssueMessageLength</c>).
    /// </summary>
    public const int MessageLimit = 4096;

    public void Error(string message, AnnotationProperties? properties = null) => Issue("error", ToCommandProperties(properties), Fit(message));

    public void Warning(string message, AnnotationProperties? properties = null) => Issue("warning", ToCommandProperties(properties), Fit(message));

    public void Notice(string message, AnnotationProperties? properties = null) => Issue("notice", ToCommandProperties(properties), Fit(message));

    /// <summary>
    /// A message within <see cref="MessageLimit"/>: a longer one is cut here, where the cut can be seen, ending with
    /// <c>… (cut: N more characters; {where})</c>; the title and location are properties and are never cut.
    /// </summary>
    /// <param name="whereFull">Where the whole text can be read, when somewhere can.</param>
    public static string Fit(string message, string? whereFull = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= MessageLimit)
        {
            return message;
        }

        // The marker for the whole length is the longest one can be, so the first cut that fits it fits; a cut never
        // splits a surrogate pair.
        var kept = MessageLimit - Marker(message.Length, whereFull).Length;
        if (char.IsHighSurrogate(message[kept - 1]))
        {
            kept--;
        }

        return message[..kept] + Marker(message.Length - kept, whereFull);
    }

    public void Debug(string message) => Issue("debug", [], message);

    public void StartGroup(string title) => Issue("group", [], title);

    public void EndGroup() => Issue("endgroup", [], "");

    public void AddMask(string secret) => Issue("add-mask", [], secret);

    /// <summary>Stops the runner from reading commands until <see cref="ResumeCommands"/> with the same token.</summary>
    public void StopCommands(string token) => Issue("stop-commands", [], token);

    public void ResumeCommands(string token) => Issue(token, [], "");

    public void Issue(string command, IReadOnlyList<KeyValuePair<string, string?>> properties, string message)
    {
        var line = new StringBuilder("::").Append(command.Length == 0 ? "missing.command" : command);
        if (properties.Count > 0)
        {
            line.Append(' ');
            var first = true;
            foreach (var (key, value) in properties)
            {
                // The toolkit skips falsy values: '' here, and 0 already turned into null by Format.
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }

                line.Append(first ? "" : ",").Append(key).Append('=').Append(EscapeProperty(value));
                first = false;
            }
        }

        line.Append("::").Append(EscapeData(message)).Append('\n');
        output.Write(line.ToString());
    }

    /// <summary><c>%</c> first, so the runner's decoder (which decodes <c>%25</c> last) restores the text exactly.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>The toolkit's key order: title, file, line, endLine, col, endColumn.</summary>
    private static KeyValuePair<string, string?>[] ToCommandProperties(AnnotationProperties? properties) =>
        properties is null
            ? []
            :
            [
                new("title", properties.Title),
                new("file", properties.File),
                new("line", Format(properties.StartLine)),
                new("endLine", Format(properties.EndLine)),
                new("col", Format(properties.StartColumn)),
                new("endColumn", Format(properties.EndColumn)),
            ];

    private static string Marker(int cut, string? whereFull) => string.Create(
        CultureInfo.InvariantCulture, $"… (cut: {cut} more characters{(whereFull is null ? "" : "; " + whereFull)})");

    private static string? Format(int? value) => value is null or 0 ? null : value.Value.ToString(CultureInfo.InvariantCulture);
}
