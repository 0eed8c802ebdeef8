using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>The ARNs and ids of what <see cref="Emulator.SeedAsync(CancellationToken)"/> created, keyed by name.
/// <see cref="Json"/> keeps the whole answer for kinds added to the seeder later.</summary>
public sealed record SeededWorld(
    string RoleArn,
    IReadOnlyDictionary<string, SeededFunction> Functions,
    IReadOnlyDictionary<string, string> Queues,
    IReadOnlyDictionary<string, string> Streams,
    IReadOnlyDictionary<string, SeededTable> Tables,
    IReadOnlyDictionary<string, SeededTargetGroup> TargetGroups,
    IReadOnlyDictionary<string, SeededHttpApi> HttpApis,
    JsonObject Json)
{
    internal static SeededWorld Parse(JsonObject json) =>
        new(
            (string)json["roleArn"]!,
            Map(json["functions"], f => new SeededFunction((string)f["arn"]!, Strings(f["versions"]), Strings(f["aliases"]))),
            Strings(json["queues"]),
            Strings(json["streams"]),
            Map(json["tables"], t => new SeededTable((string)t["arn"]!, (string)t["streamArn"]!)),
            Map(json["targetGroups"], g => new SeededTargetGroup((string)g["arn"]!, (string)g["targetType"]!, (string)g["account"]!)),
            Map(json["httpApis"], ParseHttpApi),
            json);

    private static SeededHttpApi ParseHttpApi(JsonNode api) =>
        new(
            (string)api["id"]!,
            (string)api["endpoint"]!,
            (string)api["account"]!,
            Map(api["routes"], r => new SeededRoute((string)r["id"]!, (string?)r["integrationId"])),
            Strings(api["integrations"]),
            Map<IReadOnlyDictionary<string, string>>(api["stages"], Strings));

    private static Dictionary<string, string> Strings(JsonNode? node) => Map(node, value => (string)value!);

    private static Dictionary<string, T> Map<T>(JsonNode? node, Func<JsonNode, T> convert) =>
        node?.AsObject().ToDictionary(p => p.Key, p => convert(p.Value!), StringComparer.Ordinal) ?? [];
}

/// <param name="Arn">The unqualified function ARN.</param>
/// <param name="Versions">Version number → version ARN.</param>
/// <param name="Aliases">Alias name → alias ARN.</param>
public sealed record SeededFunction(string Arn, IReadOnlyDictionary<string, string> Versions, IReadOnlyDictionary<string, string> Aliases);

public sealed record SeededTable(string Arn, string StreamArn);

/// <param name="TargetType"><c>lambda</c> or <c>instance</c>.</param>
/// <param name="AccountId">The account it lives in; other than <see cref="Emulator.AccountId"/>, reach it with the
/// <c>x-moto-account-id</c> header.</param>
public sealed record SeededTargetGroup(string Arn, string TargetType, string AccountId);

/// <param name="Id">The API id (path segment of <c>/v2/apis/{id}</c>).</param>
/// <param name="Routes">Route key (<c>GET /orders</c>, <c>ANY /items</c>, <c>$default</c>) → route.</param>
/// <param name="Integrations">Integration URI → integration id.</param>
/// <param name="Stages">Stage name → its stage variables.</param>
public sealed record SeededHttpApi(
    string Id,
    string Endpoint,
    string AccountId,
    IReadOnlyDictionary<string, SeededRoute> Routes,
    IReadOnlyDictionary<string, string> Integrations,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Stages);

/// <param name="IntegrationId">The integration its target names; null for a route without a target.</param>
public sealed record SeededRoute(string Id, string? IntegrationId);
