using System.Text.RegularExpressions;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>The type and constraints of a value, as the Lambda API model (botocore) states them.</summary>
internal abstract record Shape;

/// <summary>What a string means beyond its pattern, for checks a regular expression cannot make.</summary>
internal enum StringFormat
{
    Plain,
    /// <summary>An ARN: a mismatch is reported as an invalid ARN.</summary>
    Arn,
    /// <summary>A filter pattern: a JSON text that must parse as an object.</summary>
    JsonObject,
    /// <summary>A tag key: the <c>aws:</c> and <c>gitmoxi:</c> prefixes are reserved.</summary>
    TagKey,
}

internal sealed record StringShape(
    int MinLength = 0,
    int MaxLength = int.MaxValue,
    string? Pattern = null,
    IReadOnlyList<string>? Enum = null,
    StringFormat Format = StringFormat.Plain) : Shape
{
    // Bounded so a hostile value cannot make a backtracking pattern hang validation.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The pattern anchored at both ends, as AWS applies model patterns to the whole value (the lookahead, unlike
    /// '$', does not match before a final newline).
    /// </summary>
    public Regex? Regex { get; } = Pattern is null ? null : new Regex($"^(?:{Pattern})(?![\\s\\S])", RegexOptions.ECMAScript, MatchTimeout);

    public bool Matches(string value)
    {
        try
        {
            return Regex is null || Regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

internal sealed record IntegerShape(long Min, long Max) : Shape;

internal sealed record BooleanShape : Shape;

/// <summary>A point in time: an ISO-8601 date-time string or a number of seconds since the Unix epoch.</summary>
internal sealed record TimestampShape : Shape;

internal sealed record ListShape(Shape Member, int MinItems = 0, int MaxItems = int.MaxValue) : Shape;

internal sealed record MapShape(StringShape Key, Shape Value, int MinEntries = 0, int MaxEntries = int.MaxValue) : Shape;

internal sealed record StructureShape(IReadOnlyList<MemberSpec> Members) : Shape
{
    public MemberSpec? Find(string name) => Members.FirstOrDefault(m => m.Name == name);

    public IEnumerable<string> Names => Members.Select(m => m.Name);
}

/// <summary>One member of a structure.</summary>
/// <param name="AllowedFor">The kinds of event source the member applies to; null for all.</param>
/// <param name="RequiredFor">The kinds of event source that cannot do without the member.</param>
internal sealed record MemberSpec(
    string Name,
    Shape Shape,
    IReadOnlyList<EventSourceKind>? AllowedFor = null,
    IReadOnlyList<EventSourceKind>? RequiredFor = null)
{
    public bool IsAllowedFor(EventSourceKind kind) => AllowedFor is null || AllowedFor.Contains(kind);

    public bool IsRequiredFor(EventSourceKind kind) => RequiredFor is not null && RequiredFor.Contains(kind);
}
