using System.Text;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// Wraps stdout or stderr and replaces every registered secret with <c>***</c>. Text is passed on a whole line
/// at a time so that a secret written in pieces is still seen whole; an unfinished line waits for its newline
/// (or for <see cref="Dispose(bool)"/>).
/// </summary>
public sealed class ScrubbingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                PassCompleteLines();
            }
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            _pending.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal))
            {
                PassCompleteLines();
            }
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (_gate)
        {
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                inner.Write(masker.Scrub(_pending.ToString()));
                _pending.Clear();
                inner.Flush();
            }
        }

        base.Dispose(disposing);
    }

    private void PassCompleteLines()
    {
        var text = _pending.ToString();
        var end = text.LastIndexOf('\n') + 1;
        inner.Write(masker.Scrub(text[..end]));
        inner.Flush();
        _pending.Remove(0, end);
    }
}
