namespace Gitmoxi.LambdaSources.Rendering;

/// <summary>
/// Builds a Markdown document that stays within a byte budget (GitHub refuses a step summary over 1 MiB):
/// blocks are added whole, in order, until the next one does not fit. A reserve is kept for the closing lines
/// that say what was left out.
/// </summary>
internal sealed class MarkdownBudget(int maxBytes)
{
    private const int Reserve = 1024;

    private readonly StringBuilder text = new();
    private int bytes;

    /// <summary>Appends a block that must appear (heading, totals, closing lines); it comes out of the reserve if needed.</summary>
    public void AppendRequired(string block)
    {
        text.Append(block);
        bytes += Encoding.UTF8.GetByteCount(block);
    }

    /// <summary>Appends the block if it fits within the budget less the reserve; false, and nothing appended, if not.</summary>
    public bool TryAppend(string block)
    {
        var size = Encoding.UTF8.GetByteCount(block);
        if (bytes + size > maxBytes - Reserve)
        {
            return false;
        }

        text.Append(block);
        bytes += size;
        return true;
    }

    public override string ToString() => text.ToString();
}
