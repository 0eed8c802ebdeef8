using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>What the emulator injects into requests; see README.md, "Faults and the real-AWS profile".</summary>
/// <param name="Seed">The same seed and the same sequence of matching requests give the same faults.</param>
/// <param name="Probability">Chance (0–1) that a matching request fails with one of <paramref name="Kinds"/>, picked by the seeded draw.</param>
/// <param name="Kinds">The faults to pick from.</param>
public sealed record FaultProfile(int Seed, double Probability, IReadOnlyList<FaultKind> Kinds)
{
    /// <summary>Operation globs (<c>lambda:CreateEventSourceMapping</c>, <c>lambda:*</c>, <c>*:Register*</c>); empty matches every operation.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>Only writes match (operations not named Get*, List*, Describe*).</summary>
    public bool WritesOnly { get; init; }

    /// <summary><see cref="FaultPhase.AfterRequest"/> applies the request, then loses its answer.</summary>
    public FaultPhase Phase { get; init; } = FaultPhase.BeforeRequest;

    /// <summary>Hard failure: once this many matching requests have passed, every further matching request fails.</summary>
    public int? FailAfter { get; init; }

    /// <summary>How long <see cref="FaultKind.Timeout"/> holds a request before closing the connection.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The fixed part of <see cref="FaultKind.Latency"/>.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Up to this much is added to <see cref="Latency"/>, drawn from a stream of its own so jitter never changes which requests fail.</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.Zero;

    /// <summary>The <c>Retry-After</c> (and Lambda's <c>retryAfterSeconds</c>) of an injected throttle.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Lets <paramref name="passing"/> requests of <paramref name="operations"/> through, then fails every later one with <paramref name="kind"/>.</summary>
    public static FaultProfile HardFailure(FaultKind kind, int passing, params string[] operations) =>
        new(Seed: 0, Probability: 0, [kind]) { FailAfter = passing, Operations = operations };

    internal JsonObject ToJson() => new()
    {
        ["seed"] = Seed,
        ["probability"] = Probability,
        ["kinds"] = new JsonArray([.. Kinds.Select(k => (JsonNode)WireName(k))]),
        ["operations"] = new JsonArray([.. Operations.Select(o => (JsonNode)o)]),
        ["writesOnly"] = WritesOnly,
        ["phase"] = Phase == FaultPhase.AfterRequest ? "after" : "before",
        ["failAfter"] = FailAfter,
        ["timeoutSeconds"] = Timeout.TotalSeconds,
        ["latencyMs"] = Latency.TotalMilliseconds,
        ["jitterMs"] = Jitter.TotalMilliseconds,
        ["retryAfterSeconds"] = RetryAfterSeconds,
    };

    internal static string WireName(FaultKind kind) => kind switch
    {
        FaultKind.Throttle => "throttle",
        FaultKind.InternalError => "internal-error",
        FaultKind.Unavailable => "unavailable",
        FaultKind.ConnectionReset => "connection-reset",
        FaultKind.Timeout => "timeout",
        FaultKind.Latency => "latency",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

public enum FaultKind
{
    /// <summary>Lambda and API Gateway: 429 <c>TooManyRequestsException</c> with <c>Retry-After</c>; ELBv2 and STS: 400 <c>Throttling</c>.</summary>
    Throttle,

    /// <summary>500: Lambda's <c>ServiceException</c>, elsewhere <c>InternalFailure</c>.</summary>
    InternalError,

    /// <summary>503 <c>ServiceUnavailable</c>.</summary>
    Unavailable,

    /// <summary>The connection is reset (TCP RST) without a response.</summary>
    ConnectionReset,

    /// <summary>The request is held for <see cref="FaultProfile.Timeout"/>, then the connection is reset.</summary>
    Timeout,

    /// <summary>The request is served after <see cref="FaultProfile.Latency"/> plus jitter.</summary>
    Latency,
}

public enum FaultPhase
{
    /// <summary>The request never reaches the emulated service: nothing is applied.</summary>
    BeforeRequest,

    /// <summary>The request is applied and its answer is lost: a create that "failed" exists.</summary>
    AfterRequest,
}
