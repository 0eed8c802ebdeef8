namespace Gitmoxi.LambdaSources.Definitions.Json;

/// <summary>The tree of one file (null when it could not be read) and the problems met while reading it.</summary>
internal sealed record SourceDocument(SourceNode? Root, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Reads strict JSON (no comments, no trailing commas, one value) into a <see cref="SourceNode"/> tree
/// whose nodes know their line and column. Never throws for bad input: every problem is a diagnostic.
/// </summary>
internal static class SourceJsonReader
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxDepth = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<SourceDocument> ReadFileAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            // Checked before reading so a huge file never lands in memory.
            var length = new FileInfo(fullPath).Length;
            if (length > MaxFileBytes)
            {
                return Failed(DiagnosticCodes.FileTooLarge,
                    $"The file is {length.ToString(CultureInfo.InvariantCulture)} bytes; definition files may be at most 10 MiB.",
                    displayPath, new TextPosition(1, 1));
            }

            bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(DiagnosticCodes.FileUnreadable, $"The file cannot be read: {ex.Message}", displayPath, null);
        }

        return Parse(bytes, displayPath);
    }

    public static SourceDocument Parse(ReadOnlySpan<byte> bytes, string displayPath)
    {
        if (DetectWideEncoding(bytes) is { } encoding)
        {
            return Failed(DiagnosticCodes.UnsupportedEncoding,
                $"The file is encoded as {encoding}; definition files must be UTF-8.", displayPath, new TextPosition(1, 1));
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var lines = new LineTable(bytes);
        try
        {
            StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = Math.Clamp(ex.Index, 0, bytes.Length);
            return Failed(DiagnosticCodes.InvalidUtf8, "The file is not valid UTF-8.", displayPath, lines.PositionOf(bytes, offset));
        }

        var builder = new TreeBuilder(bytes, lines, displayPath);
        return builder.Build();
    }

    private static string? DetectWideEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return "UTF-32";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "UTF-16";
        }

        // JSON text starts with ASCII, so a NUL among the first bytes means a BOM-less UTF-16 or UTF-32 file.
        return bytes[..Math.Min(4, bytes.Length)].Contains((byte)0) ? "UTF-16 or UTF-32" : null;
    }

    private static SourceDocument Failed(string code, string message, string file, TextPosition? position) =>
        new(null, [Diagnostic.Error(code, message, position is { } p ? new SourceSpan(file, p.Line, p.Column) : new SourceSpan(file, 1, 1))]);

    /// <summary>Byte offsets of line starts; lines end at '\n' as <see cref="Utf8JsonReader"/> counts them.</summary>
    private sealed class LineTable
    {
        private readonly List<int> _starts = [0];

        public LineTable(ReadOnlySpan<byte> bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        // Tokens arrive in file order, so counting on from the previous token keeps long (minified) lines linear.
        private (int Line, int Offset, int Column) _last = (-1, 0, 0);

        public TextPosition PositionOf(ReadOnlySpan<byte> bytes, int offset)
        {
            var index = _starts.BinarySearch(offset);
            var line = index >= 0 ? index : ~index - 1;
            if (_last.Line == line && _last.Offset <= offset)
            {
                var column = _last.Column + Encoding.UTF8.GetCharCount(bytes[_last.Offset..offset]);
                _last = (line, offset, column);
                return new TextPosition(line + 1, column);
            }

            var position = PositionInLine(bytes, line, offset - _starts[line]);
            _last = (line, offset, position.Column);
            return position;
        }

        public TextPosition PositionInLine(ReadOnlySpan<byte> bytes, int line, int byteInLine)
        {
            line = Math.Clamp(line, 0, _starts.Count - 1);
            var start = _starts[line];
            var end = Math.Clamp(start + byteInLine, start, bytes.Length);
            return new TextPosition(line + 1, Encoding.UTF8.GetCharCount(bytes[start..end]) + 1);
        }
    }

    private ref struct TreeBuilder
    {
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly LineTable _lines;
        private readonly string _file;
        private readonly List<Diagnostic> _diagnostics = [];
        private Utf8JsonReader _reader;

        public TreeBuilder(ReadOnlySpan<byte> bytes, LineTable lines, string file)
        {
            _bytes = bytes;
            _lines = lines;
            _file = file;
            // One more than our own limit so our check, with its clear message, fires before the reader's.
            _reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        }

        public SourceDocument Build()
        {
            try
            {
                // An empty file makes the reader throw, so it is reported like any other malformed text.
                _reader.Read();
                var root = ReadValue();
                if (root is null)
                {
                    return new SourceDocument(null, _diagnostics);
                }

                // Reading past the value makes the reader reject anything but whitespace after it.
                _reader.Read();
                return new SourceDocument(root, _diagnostics);
            }
            catch (JsonException ex)
            {
                var position = _lines.PositionInLine(_bytes, (int)(ex.LineNumber ?? 0), (int)(ex.BytePositionInLine ?? 0));
                _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.MalformedJson, $"Malformed JSON: {TrimPosition(ex.Message)}", Span(position)));
                return new SourceDocument(null, _diagnostics);
            }
        }

        private SourceNode? ReadValue()
        {
            var position = _lines.PositionOf(_bytes, (int)_reader.TokenStartIndex);
            switch (_reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (_reader.CurrentDepth >= MaxDepth)
                    {
                        _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.NestingTooDeep,
                            $"Objects and arrays are nested deeper than {MaxDepth} levels.", Span(position)));
                        return null;
                    }

                    return _reader.TokenType == JsonTokenType.StartObject ? ReadObject(position) : ReadArray(position);
                case JsonTokenType.String:
                    var raw = Encoding.UTF8.GetString(_reader.ValueSpan);
                    return new SourceString(_reader.GetString()!, raw, position);
                case JsonTokenType.Number:
                    return new SourceNumber(Encoding.UTF8.GetString(_reader.ValueSpan), position);
                case JsonTokenType.True:
                case JsonTokenType.False:
                    return new SourceBoolean(_reader.GetBoolean(), position);
                default:
                    return new SourceNull(position);
            }
        }

        private SourceObject? ReadObject(TextPosition position)
        {
            var properties = new List<SourceProperty>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
            {
                var namePosition = _lines.PositionOf(_bytes, (int)_reader.TokenStartIndex);
                var name = _reader.GetString()!;
                _reader.Read();
                var value = ReadValue();
                if (value is null)
                {
                    return null;
                }

                if (seen.Add(name))
                {
                    properties.Add(new SourceProperty(name, namePosition, value));
                }
                else
                {
                    _diagnostics.Add(Diagnostic.Error(DiagnosticCodes.DuplicateKey,
                        $"The key '{name}' appears more than once in this object; JSON readers disagree on which one wins.", Span(namePosition)));
                }
            }

            return new SourceObject(properties, position);
        }

        private SourceArray? ReadArray(TextPosition position)
        {
            var items = new List<SourceNode>();
            while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
            {
                var item = ReadValue();
                if (item is null)
                {
                    return null;
                }

                items.Add(item);
            }

            return new SourceArray(items, position);
        }

        private readonly SourceSpan Span(TextPosition position) => new(_file, position.Line, position.Column);

        private static string TrimPosition(string message)
        {
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return cut < 0 ? message : message[..cut];
        }
    }
}
