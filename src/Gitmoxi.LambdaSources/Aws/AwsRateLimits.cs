using System.Globalization;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// One client-side token bucket: the operations of one service that AWS meters together, the rate and burst AWS
/// documents for them, and how many of their calls may be in flight at once.
/// </summary>
/// <param name="SigningName">The service, by its SigV4 signing name (<c>lambda</c>, <c>elasticloadbalancing</c>, <c>apigateway</c>).</param>
/// <param name="Operations">An operation name, a prefix ending in <c>*</c> (<c>Describe*</c>), or <c>*</c> for every operation no earlier limit took.</param>
/// <param name="RatePerSecond">Tokens added per second.</param>
/// <param name="Burst">Tokens the bucket holds, and starts with.</param>
/// <param name="MaxInFlight">Calls of this bucket sent and not yet answered, at most.</param>
public sealed record AwsRateLimit(string SigningName, string Operations, double RatePerSecond, int Burst, int MaxInFlight)
{
    public bool Matches(string signingName, string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!string.Equals(signingName, SigningName, StringComparison.Ordinal))
        {
            return false;
        }

        return Operations.EndsWith('*')
            ? operation.StartsWith(Operations[..^1], StringComparison.Ordinal)
            : string.Equals(operation, Operations, StringComparison.Ordinal);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SigningName}:{Operations} {RatePerSecond}/s burst {Burst}");
}

/// <summary>
/// The client-side pacing of every AWS call: the first <see cref="AwsRateLimit"/> that matches a call meters it;
/// a call no limit matches goes out unpaced. Planning a large repository then waits for tokens instead of drawing
/// <c>429 TooManyRequestsException</c> from AWS and backing off.
/// </summary>
public sealed class AwsRateLimits
{
    public AwsRateLimits(IEnumerable<AwsRateLimit> limits, double utilization = 1)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(utilization);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(utilization, 1);
        Limits = limits.ToList();
        Utilization = utilization;
    }

    /// <summary>No pacing: an emulator or a test that wants raw throughput.</summary>
    public static AwsRateLimits None { get; } = new([]);

    /// <summary>
    /// AWS's documented control-plane quotas, used at 90 %: AWS meters arrivals, and calls paced at exactly the
    /// refill rate arrive bunched by network jitter often enough to be throttled; the margin costs a tenth of the time.
    /// </summary>
    /// <remarks>
    /// Lambda: <see href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html#api-requests">quotas, API requests</see>
    /// — GetFunction 100/s, GetPolicy 15/s, every other control-plane API 15/s shared ("not 15 requests per second per API").
    /// ELBv2: <see href="https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html">API throttling</see>
    /// — non-mutating (Describe*) bucket of 40 refilled at 10/s; RegisterTargets and DeregisterTargets 4/s burst 20 (the
    /// aws-load-balancer-controller's client defaults). API Gateway: <see href="https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html">quotas</see>
    /// — 10 requests/s, burst 40, across all management operations.
    /// </remarks>
    public static AwsRateLimits Documented { get; } = new(
        [
            new("lambda", "GetFunction", 100, 100, 16),
            new("lambda", "GetPolicy", 15, 15, 4),
            new("lambda", "*", 15, 15, 4),
            new("elasticloadbalancing", "Describe*", 10, 40, 4),
            new("elasticloadbalancing", "RegisterTargets", 4, 20, 2),
            new("elasticloadbalancing", "DeregisterTargets", 4, 20, 2),
            new("apigateway", "*", 10, 40, 4),
        ],
        utilization: 0.9);

    public IReadOnlyList<AwsRateLimit> Limits { get; }

    /// <summary>The share of each documented rate and burst the client uses (0 to 1).</summary>
    public double Utilization { get; }

    /// <summary>The limit that meters <paramref name="operation"/> of the service, or null when none does.</summary>
    public AwsRateLimit? For(string signingName, string operation) => Limits.FirstOrDefault(l => l.Matches(signingName, operation));

    /// <summary>
    /// Parses a host's setting: <c>aws</c> (or empty) for <see cref="Documented"/>, <c>off</c> for <see cref="None"/>,
    /// or a positive number that multiplies every documented rate and burst (an emulator that allows more).
    /// </summary>
    /// <exception cref="AwsConfigurationException">Anything else.</exception>
    public static AwsRateLimits Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Equals("aws", StringComparison.OrdinalIgnoreCase))
        {
            return Documented;
        }

        if (value.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && double.IsFinite(factor))
        {
            return Documented.Scaled(factor);
        }

        throw new AwsConfigurationException($"'{text}' is not a rate-limit setting: expected 'aws', 'off' or a positive multiplier such as '10'.");
    }

    /// <summary>Every rate and burst multiplied by <paramref name="factor"/> (in-flight bounds kept).</summary>
    public AwsRateLimits Scaled(double factor) =>
        new(Limits.Select(l => l with { RatePerSecond = l.RatePerSecond * factor, Burst = Math.Max(1, (int)(l.Burst * factor)) }), Utilization);
}
