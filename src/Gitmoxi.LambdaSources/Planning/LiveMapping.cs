using System.Text.Json.Nodes;

namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// One event source mapping as AWS reports it: the wire JSON of <c>EventSourceMappingConfiguration</c>
/// (member names per the Lambda API model) and its tags from <c>ListTags</c>.
/// </summary>
public sealed record LiveMapping(JsonObject Configuration, IReadOnlyDictionary<string, string> Tags);

/// <param name="Prune">Delete owned mappings that left the files; off, they are reported as drift.</param>
public sealed record PlanOptions(bool Prune);
