using System.Text.Encodings.Web;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// Canonical JSON text of event source mapping values, so that values AWS echoes back in another shape
/// compare equal: object keys sorted, numbers without trailing zeros (<c>10.0</c> is <c>10</c>), every
/// array treated as a set (no list in the mapping API is ordered), filter patterns parsed and
/// re-serialized with sorted keys. In comparison form, empty objects and arrays count as absent.
/// </summary>
internal static class CanonicalJson
{
    private const string PatternMember = "Pattern";

    /// <summary>The form used to decide equality: empty collections and nulls vanish; null when nothing is left.</summary>
    public static string? ForComparison(JsonNode? node) => Write(node, dropEmpty: true, sortArrays: true);

    /// <summary>The form shown in diffs: like comparison form, but an explicit <c>{}</c> or <c>[]</c> stays visible.</summary>
    public static string? ForDisplay(JsonNode? node) => Write(node, dropEmpty: false, sortArrays: true);

    public static bool AreEqual(JsonNode? left, JsonNode? right) =>
        string.Equals(ForComparison(left), ForComparison(right), StringComparison.Ordinal);

    /// <summary>An event filter pattern with sorted keys, compact; a pattern that is not JSON stays as written.</summary>
    public static string CanonicalPattern(string pattern)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(pattern);
        }
        catch (JsonException)
        {
            return pattern;
        }

        // Arrays inside a pattern are kept in order: the pattern language, not this API, defines them.
        return Write(parsed, dropEmpty: false, sortArrays: false) ?? "null";
    }

    public static string Quote(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    /// <summary>A JSON number with its scale removed, or null when the text is not a number a decimal can hold.</summary>
    public static decimal? Number(JsonNode? node)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? Normalize(number)
            : null;
    }

    public static string FormatNumber(decimal number) => Normalize(number).ToString(CultureInfo.InvariantCulture);

    // Dividing by 1 with the largest scale strips trailing zeros: 10.0m becomes 10m.
    public static decimal Normalize(decimal number) => number / 1.0000000000000000000000000000m;

    private static string? Write(JsonNode? node, bool dropEmpty, bool sortArrays) => node switch
    {
        null => null,
        JsonObject obj => WriteObject(obj, dropEmpty, sortArrays),
        JsonArray array => WriteArray(array, dropEmpty, sortArrays),
        JsonValue value => WriteValue(value),
        _ => node.ToJsonString(),
    };

    private static string? WriteObject(JsonObject obj, bool dropEmpty, bool sortArrays)
    {
        var members = new List<KeyValuePair<string, string>>(obj.Count);
        foreach (var (key, child) in obj)
        {
            var text = key == PatternMember && child is JsonValue pattern && pattern.GetValueKind() == JsonValueKind.String
                ? Quote(CanonicalPattern(pattern.GetValue<string>()))
                : Write(child, dropEmpty, sortArrays);
            if (text is not null)
            {
                members.Add(new(key, text));
            }
        }

        if (dropEmpty && members.Count == 0)
        {
            return null;
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder("{");
        for (var i = 0; i < members.Count; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append(Quote(members[i].Key)).Append(':').Append(members[i].Value);
        }

        return builder.Append('}').ToString();
    }

    private static string? WriteArray(JsonArray array, bool dropEmpty, bool sortArrays)
    {
        var items = new List<string>(array.Count);
        foreach (var item in array)
        {
            items.Add(Write(item, dropEmpty, sortArrays) ?? "null");
        }

        if (sortArrays)
        {
            items = [.. items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        return dropEmpty && items.Count == 0 ? null : "[" + string.Join(",", items) + "]";
    }

    private static string WriteValue(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => Quote(value.GetValue<string>()),
        JsonValueKind.Number => Number(value) is { } number ? FormatNumber(number) : value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };
}
