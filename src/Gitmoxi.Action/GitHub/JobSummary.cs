using System.Globalization;
using System.Text;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <param name="BytesWritten">UTF-8 bytes appended (0 when refused or printed to the console).</param>
/// <param name="BytesOmitted">UTF-8 bytes of the Markdown left out to stay within the limit.</param>
public sealed record SummaryWrite(long BytesWritten, long BytesOmitted)
{
    public bool Complete => BytesOmitted == 0;
}

/// <summary>
/// Appends Markdown to <c>GITHUB_STEP_SUMMARY</c>. GitHub drops a step's whole summary (with only an error
/// annotation) when the file exceeds 1 MiB, so the text is cut at a line end to fit, with a note saying so.
/// Outside GitHub (variable unset) the summary goes to the console instead.
/// </summary>
public sealed class JobSummary(RunnerEnvironment environment, TextWriter console, long limitBytes = JobSummary.GitHubLimitBytes)
{
    /// <summary>The runner refuses the upload when the file is larger than this (<c>fileSize &gt; limit</c>).</summary>
    public const long GitHubLimitBytes = 1024 * 1024;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public SummaryWrite Append(string markdown)
    {
        var path = environment.StepSummaryFile;
        if (path is null)
        {
            console.Write(markdown);
            return new SummaryWrite(0, 0);
        }

        long existing;
        try
        {
            existing = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GitmoxiException(DiagnosticCodes.SummaryNotWritten, $"Unable to access summary file: '{path}'", e);
        }

        var total = Utf8NoBom.GetByteCount(markdown);
        var (kept, note) = Fit(markdown, total, limitBytes - existing);
        var bytes = Utf8NoBom.GetBytes(markdown[..kept] + note);
        if (bytes.Length > 0)
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(bytes);
        }

        return new SummaryWrite(bytes.Length, total - Utf8NoBom.GetByteCount(markdown.AsSpan(0, kept)));
    }

    /// <summary>
    /// How many chars of the Markdown to keep and what note to add: all of it when it fits, else its longest
    /// whole-line prefix plus a note, else nothing at all when not even the note fits.
    /// </summary>
    private static (int Kept, string Note) Fit(string markdown, long total, long budget)
    {
        if (total <= budget)
        {
            return (markdown.Length, "");
        }

        var note = TruncationNote(total);
        var room = budget - Utf8NoBom.GetByteCount(note);
        if (room < 0)
        {
            return (0, "");
        }

        var cut = LongestPrefixWithin(markdown, room);
        var lineEnd = markdown.LastIndexOf('\n', Math.Max(cut - 1, 0), cut);
        return (lineEnd + 1, note);
    }

    private static string TruncationNote(long total) => string.Create(
        CultureInfo.InvariantCulture,
        $"\n> **Summary truncated:** GitHub shows at most 1 MiB of summary per step; this one had {total:N0} bytes. The full plan is in the step log.\n");

    /// <summary>Binary search over chars, never splitting a surrogate pair.</summary>
    private static int LongestPrefixWithin(string text, long room)
    {
        int low = 0, high = text.Length;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Utf8NoBom.GetByteCount(text.AsSpan(0, mid)) <= room)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low > 0 && char.IsHighSurrogate(text[low - 1]) ? low - 1 : low;
    }
}
