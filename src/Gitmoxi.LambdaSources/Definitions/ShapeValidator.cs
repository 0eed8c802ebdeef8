using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>Checks a value against its <see cref="Shape"/>, reporting every problem with the value's path and position.</summary>
internal static partial class ShapeValidator
{
    private static readonly string[] ReservedTagPrefixes = ["aws:", "gitmoxi:"];

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    /// <returns>True when the value is valid (or an unresolved placeholder, which was reported already).</returns>
    public static bool Validate(SourceNode node, Shape shape, string path, ValidationContext context) => node switch
    {
        SourceUnresolved => true,
        _ => shape switch
        {
            StringShape s => ValidateString(node, s, path, context),
            IntegerShape i => ValidateInteger(node, i, path, context),
            BooleanShape => node is SourceBoolean || Fail(() => context.WrongType(node, path, "true or false")),
            TimestampShape => ValidateTimestamp(node, path, context),
            ListShape l => ValidateList(node, l, path, context),
            MapShape m => ValidateMap(node, m, path, context),
            StructureShape st => ValidateStructure(node, st, path, context),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown shape."),
        },
    };

    public static bool ValidateStructure(SourceNode node, StructureShape shape, string path, ValidationContext context)
    {
        if (node is not SourceObject obj)
        {
            context.WrongType(node, path, "an object");
            return false;
        }

        var valid = true;
        foreach (var property in obj.Properties)
        {
            if (shape.Find(property.Name) is { } member)
            {
                valid &= Validate(property.Value, member.Shape, ValidationContext.Join(path, property.Name), context);
            }
            else
            {
                context.UnknownKey(property, path, shape.Names);
                valid = false;
            }
        }

        return valid;
    }

    /// <summary>The value of an integer-valued number, or null when the number has a fractional part.</summary>
    public static long? AsInteger(SourceNumber number)
    {
        if (long.TryParse(number.RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // JSON Schema counts 1.0 and 1e2 as integers; agree with it.
        var d = double.Parse(number.RawText, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9e15 ? (long)d : null;
    }

    /// <summary>Seconds since the Unix epoch for a valid timestamp value.</summary>
    public static decimal? AsEpochSeconds(SourceNode node) => node switch
    {
        SourceNumber n when decimal.TryParse(n.RawText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 => seconds,
        SourceString s when IsoDateTime().IsMatch(s.Value) && DateTimeOffset.TryParse(s.Value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time) => time.ToUnixTimeMilliseconds() / 1000m,
        _ => null,
    };

    private static bool ValidateString(SourceNode node, StringShape shape, string path, ValidationContext context)
    {
        if (node is not SourceString text)
        {
            context.WrongType(node, path, "a string");
            return false;
        }

        var value = text.Value;
        if (shape.Enum is { } allowed)
        {
            return allowed.Contains(value, StringComparer.Ordinal) || Fail(() => context.Error(DiagnosticCodes.NotInEnum,
                $"{path} is '{value}'; allowed values: {string.Join(", ", allowed)}.", text.Position));
        }

        if (!CountWithin(value.Length, shape.MinLength, shape.MaxLength, "character", path, text.Position, context))
        {
            return false;
        }

        if (!shape.Matches(value))
        {
            var (code, what) = shape.Format == StringFormat.Arn ? (DiagnosticCodes.InvalidArn, "is not a valid ARN") : (DiagnosticCodes.PatternMismatch, "does not match the pattern");
            context.Error(code, $"{path} '{value}' {what} ({shape.Pattern}).", text.Position);
            return false;
        }

        return shape.Format switch
        {
            StringFormat.JsonObject => ValidateJsonObjectText(text, path, context),
            StringFormat.TagKey => ValidateTagKey(text, path, context),
            StringFormat.Arn => ValidateArnPartition(text, path, context),
            _ => true,
        };
    }

    /// <summary>
    /// AWS's ARN pattern accepts any <c>aws*</c> partition with any Region, but a Region lives in exactly one partition:
    /// <c>arn:aws-cn:sqs:us-east-1:…</c> names nothing, and AWS would only say so after the plan.
    /// </summary>
    private static bool ValidateArnPartition(SourceString text, string path, ValidationContext context)
    {
        var parts = text.Value.Split(':', 5);
        if (parts.Length < 4 || parts[3].Length == 0 || Arns.PartitionOfRegion(parts[3]) == parts[1])
        {
            return true;
        }

        context.Error(DiagnosticCodes.InvalidArn,
            $"{path} '{text.Value}' names partition '{parts[1]}' but Region '{parts[3]}', which is in partition '{Arns.PartitionOfRegion(parts[3])}'.",
            text.Position);
        return false;
    }

    private static bool ValidateInteger(SourceNode node, IntegerShape shape, string path, ValidationContext context)
    {
        if (node is not SourceNumber number)
        {
            context.WrongType(node, path, "an integer");
            return false;
        }

        if (AsInteger(number) is not { } value)
        {
            context.Error(DiagnosticCodes.WrongType, $"{path} must be an integer, not {number.RawText}.", number.Position);
            return false;
        }

        return (value >= shape.Min && value <= shape.Max) || Fail(() => context.Error(DiagnosticCodes.OutOfRange,
            $"{path} is {number.RawText}; it must be between {shape.Min.ToString(CultureInfo.InvariantCulture)} and {shape.Max.ToString(CultureInfo.InvariantCulture)}.",
            number.Position));
    }

    private static bool ValidateTimestamp(SourceNode node, string path, ValidationContext context)
    {
        if (node is not (SourceNumber or SourceString))
        {
            context.WrongType(node, path, "an ISO-8601 date-time string or a number of seconds since the Unix epoch");
            return false;
        }

        return AsEpochSeconds(node) is not null || Fail(() => context.Error(DiagnosticCodes.InvalidTimestamp,
            $"{path} must be an ISO-8601 date-time (e.g. 2024-05-01T12:00:00Z) or a non-negative number of seconds since the Unix epoch.",
            node.Position));
    }

    private static bool ValidateList(SourceNode node, ListShape shape, string path, ValidationContext context)
    {
        if (node is not SourceArray array)
        {
            context.WrongType(node, path, "an array");
            return false;
        }

        var valid = CountWithin(array.Items.Count, shape.MinItems, shape.MaxItems, "item", path, array.Position, context);
        for (var i = 0; i < array.Items.Count; i++)
        {
            valid &= Validate(array.Items[i], shape.Member, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", context);
        }

        return valid;
    }

    private static bool ValidateMap(SourceNode node, MapShape shape, string path, ValidationContext context)
    {
        if (node is not SourceObject obj)
        {
            context.WrongType(node, path, "an object");
            return false;
        }

        var valid = CountWithin(obj.Properties.Count, shape.MinEntries, shape.MaxEntries, "entry", path, obj.Position, context);
        foreach (var property in obj.Properties)
        {
            var key = new SourceString(property.Name, null, property.NamePosition);
            var keyPath = $"{path} key '{property.Name}'";
            if (shape.Key.Enum is not null && !shape.Key.Enum.Contains(property.Name, StringComparer.Ordinal))
            {
                context.UnknownKey(property, path, shape.Key.Enum);
                valid = false;
            }
            else
            {
                valid &= ValidateString(key, shape.Key, keyPath, context);
            }

            valid &= Validate(property.Value, shape.Value, $"{path}.{property.Name}", context);
        }

        return valid;
    }

    private static bool ValidateJsonObjectText(SourceString text, string path, ValidationContext context) =>
        IsJsonObject(text.Value) || Fail(() => context.Error(DiagnosticCodes.FilterPatternNotJsonObject,
            $"{path} must be a JSON object written as a string, e.g. \"{{\\\"body\\\": {{\\\"type\\\": [\\\"order\\\"]}}}}\".", text.Position));

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool ValidateTagKey(SourceString key, string path, ValidationContext context)
    {
        var reserved = ReservedTagPrefixes.FirstOrDefault(p => key.Value.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        return reserved is null || Fail(() => context.Error(DiagnosticCodes.ReservedTagKey,
            $"{path} starts with '{reserved}', which is reserved ({(reserved == "aws:" ? "by AWS" : "for the tags this tool manages")}).", key.Position));
    }

    /// <summary>Whether a string's length, a list's items or a map's entries are within the shape's bounds; reports them when not.</summary>
    /// <param name="noun">What is counted, singular: <c>character</c>, <c>item</c> or <c>entry</c>.</param>
    private static bool CountWithin(int count, int min, int max, string noun, string path, TextPosition position, ValidationContext context) =>
        (count >= min && count <= max)
        || Fail(() => context.Error(DiagnosticCodes.LengthOutOfRange, $"{path} has {Count(count, noun)}; {Range(min, max, noun)}.", position));

    private static string Plural(string noun) => noun == "entry" ? "entries" : noun + "s";

    private static string Count(int count, string noun) => $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? noun : Plural(noun))}";

    private static string Range(int min, int max, string noun) => (min, max) switch
    {
        (_, int.MaxValue) => $"it needs at least {min.ToString(CultureInfo.InvariantCulture)} {Plural(noun)}",
        (1, 1) => $"it needs exactly 1 {noun}",
        _ => $"it needs {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} {Plural(noun)}",
    };

    private static bool Fail(Action report)
    {
        report();
        return false;
    }
}
