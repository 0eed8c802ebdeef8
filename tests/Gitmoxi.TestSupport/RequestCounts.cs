using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>How often each operation (<c>lambda:ListEventSourceMappings</c>, <c>elasticloadbalancing:RegisterTargets</c>…)
/// reached the emulator since the last reset. Writes are every operation not named Get*, List* or Describe*.</summary>
public sealed record RequestCounts(IReadOnlyList<OperationCount> Operations)
{
    public int Reads => Operations.Where(o => !o.IsWrite).Sum(o => o.Count);

    public int Writes => Operations.Where(o => o.IsWrite).Sum(o => o.Count);

    /// <summary>The write operations seen, e.g. to assert that a converged apply wrote nothing.</summary>
    public IReadOnlyList<string> WriteOperations => Operations.Where(o => o.IsWrite).Select(o => o.Name).ToList();

    public int Count(string operation) => Operations.FirstOrDefault(o => o.Name == operation)?.Count ?? 0;

    internal static RequestCounts Parse(JsonObject json) =>
        new(json["operations"]!.AsArray()
            .Select(o => new OperationCount((string)o!["name"]!, (int)o["count"]!, (bool)o["isWrite"]!))
            .ToList());
}

public sealed record OperationCount(string Name, int Count, bool IsWrite);
