namespace Gitmoxi.LambdaSources.Definitions.Json;

internal static class SourceNodeConversion
{
    /// <summary>
    /// The value as a <see cref="JsonNode"/> for the request sent to AWS. Integral numbers become integers
    /// (<c>10.0</c> is a valid <c>BatchSize</c> for the schema, but the API takes <c>10</c>).
    /// </summary>
    public static JsonNode? ToJsonNode(SourceNode node) => node switch
    {
        SourceObject obj => new JsonObject(obj.Properties.Select(p => KeyValuePair.Create(p.Name, ToJsonNode(p.Value)))),
        SourceArray array => new JsonArray([.. array.Items.Select(ToJsonNode)]),
        SourceString text => JsonValue.Create(text.Value),
        SourceNumber number => Number(number),
        SourceBoolean boolean => JsonValue.Create(boolean.Value),
        _ => null,
    };

    private static JsonValue Number(SourceNumber number)
    {
        if (long.TryParse(number.RawText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        var value = double.Parse(number.RawText, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.Floor(value) == value && Math.Abs(value) < 9e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);
    }
}
