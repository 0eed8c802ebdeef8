namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// REST-JSON timestamps (the event source mapping's <c>LastModified</c>, <c>StartingPositionTimestamp</c>) are epoch
/// seconds, possibly with a fraction (<c>1795621144.0</c>). Written back as whole seconds when there is no fraction.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTime?>
{
    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var seconds)
            ? DateTime.UnixEpoch.AddTicks(decimal.ToInt64(decimal.Round(seconds * TimeSpan.TicksPerSecond)))
            : throw new JsonException("Expected a timestamp in epoch seconds.");

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not { } time)
        {
            writer.WriteNullValue();
            return;
        }

        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        writer.WriteNumberValue((decimal)(utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond);
    }
}
