using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>The ARNs of what <see cref="Emulator.SeedAsync(CancellationToken)"/> created, keyed by name.
/// <see cref="Json"/> keeps the whole answer for kinds added to the seeder later.</summary>
public sealed record SeededWorld(
    string RoleArn,
    IReadOnlyDictionary<string, SeededFunction> Functions,
    IReadOnlyDictionary<string, string> Queues,
    IReadOnlyDictionary<string, string> Streams,
    IReadOnlyDictionary<string, SeededTable> Tables,
    JsonObject Json)
{
    internal static SeededWorld Parse(JsonObject json) =>
        new(
            (string)json["roleArn"]!,
            Map(json["functions"], f => new SeededFunction((string)f["arn"]!, Strings(f["versions"]), Strings(f["aliases"]))),
            Strings(json["queues"]),
            Strings(json["streams"]),
            Map(json["tables"], t => new SeededTable((string)t["arn"]!, (string)t["streamArn"]!)),
            json);

    private static Dictionary<string, string> Strings(JsonNode? node) => Map(node, value => (string)value!);

    private static Dictionary<string, T> Map<T>(JsonNode? node, Func<JsonNode, T> convert) =>
        node?.AsObject().ToDictionary(p => p.Key, p => convert(p.Value!), StringComparer.Ordinal) ?? [];
}

/// <param name="Arn">The unqualified function ARN.</param>
/// <param name="Versions">Version number → version ARN.</param>
/// <param name="Aliases">Alias name → alias ARN.</param>
public sealed record SeededFunction(string Arn, IReadOnlyDictionary<string, string> Versions, IReadOnlyDictionary<string, string> Aliases);

public sealed record SeededTable(string Arn, string StreamArn);
