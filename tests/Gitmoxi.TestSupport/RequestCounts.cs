using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>How often each operation (<c>lambda:ListEventSourceMappings</c>, <c>elasticloadbalancing:RegisterTargets</c>…)
/// reached the emulator since the last reset, and which faults it answered with. Writes are every operation not named
/// Get*, List* or Describe*. Requests that got a fault are counted too: the client made them.</summary>
public sealed record RequestCounts(IReadOnlyList<OperationCount> Operations, IReadOnlyList<FaultCount> Faults)
{
    public int Reads => Operations.Where(o => !o.IsWrite).Sum(o => o.Count);

    public int Writes => Operations.Where(o => o.IsWrite).Sum(o => o.Count);

    /// <summary>The write operations seen, e.g. to assert that a converged apply wrote nothing.</summary>
    public IReadOnlyList<string> WriteOperations => Operations.Where(o => o.IsWrite).Select(o => o.Name).ToList();

    /// <summary>Requests refused by the real-AWS profile's rate limits.</summary>
    public int RateLimited => Faults.Where(f => f.Kind == FaultCount.RateLimit).Sum(f => f.Count);

    public int Count(string operation) => Operations.FirstOrDefault(o => o.Name == operation)?.Count ?? 0;

    /// <summary>How many <paramref name="kind"/> faults were injected, into <paramref name="operation"/> or into any operation.</summary>
    public int FaultsOf(FaultKind kind, string? operation = null) =>
        Faults.Where(f => f.Kind == FaultProfile.WireName(kind) && (operation is null || f.Operation == operation)).Sum(f => f.Count);

    internal static RequestCounts Parse(JsonObject json) =>
        new(
            json["operations"]!.AsArray()
                .Select(o => new OperationCount((string)o!["name"]!, (int)o["count"]!, (bool)o["isWrite"]!))
                .ToList(),
            json["faults"]!.AsArray()
                .Select(f => new FaultCount((string)f!["kind"]!, (string)f["operation"]!, (int)f["count"]!))
                .ToList());
}

public sealed record OperationCount(string Name, int Count, bool IsWrite);

/// <summary>Faults of one kind answered to one operation: a <see cref="FaultKind"/> wire name (<c>throttle</c>,
/// <c>internal-error</c>, <c>unavailable</c>, <c>connection-reset</c>, <c>timeout</c>, <c>latency</c>) or
/// <see cref="RateLimit"/>.</summary>
public sealed record FaultCount(string Kind, string Operation, int Count)
{
    /// <summary>A request the real-AWS profile throttled because its token bucket was empty.</summary>
    public const string RateLimit = "rate-limit";
}
