namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// One client-side token bucket: the operations of one service that AWS meters together, the rate and burst AWS
/// documents for them, and how many of their calls may be in flight at once.
/// </summary>
/// <param name="SigningName">The service, by its SigV4 signing name (<c>lambda</c>, <c>elasticloadbalancing</c>, <c>apigateway</c>).</param>
/// <param name="Operations">
/// Operation patterns separated by <c>|</c>: a name, a prefix ending in <c>*</c> (<c>Describe*</c>), or <c>*</c> for every
/// operation no earlier limit took.
/// </param>
/// <param name="RatePerSecond">Tokens added per second.</param>
/// <param name="Burst">Tokens the bucket holds, and starts with.</param>
/// <param name="MaxInFlight">Calls of this bucket sent and not yet answered, at most.</param>
internal sealed record AwsRateLimit(string SigningName, string Operations, double RatePerSecond, int Burst, int MaxInFlight)
{
    /// <summary>Patterns (as in <see cref="Operations"/>) of operations the bucket leaves alone, e.g. <c>Invoke*</c>.</summary>
    public string Except { get; init; } = "";

    public bool Matches(string signingName, string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return string.Equals(signingName, SigningName, StringComparison.Ordinal)
            && AnyMatches(Operations, operation)
            && !AnyMatches(Except, operation);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SigningName}:{Operations} {RatePerSecond}/s burst {Burst}");

    private static bool AnyMatches(string patterns, string operation) =>
        patterns.Split('|', StringSplitOptions.RemoveEmptyEntries).Any(pattern => pattern.EndsWith('*')
            ? operation.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(operation, pattern, StringComparison.Ordinal));
}

/// <summary>
/// The client-side pacing of every AWS call: the first <see cref="AwsRateLimit"/> that matches a call meters it;
/// a call no limit matches goes out unpaced. Planning a large repository then waits for tokens instead of drawing
/// <c>429 TooManyRequestsException</c> from AWS and backing off.
/// </summary>
internal sealed class AwsRateLimits
{
    private const string ResourceName = "Gitmoxi.LambdaSources.Aws.aws-rate-limits.json";

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
    /// Read from <c>aws-rate-limits.json</c> (embedded), the one table of AWS's documented rates with their sources,
    /// which the emulator's real-AWS profile and the benchmarks read too.
    /// </remarks>
    public static AwsRateLimits Documented { get; } = new(Load(), utilization: 0.9);

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

    /// <summary>The embedded table (<c>aws-rate-limits.json</c>), in its order (the first match meters a call).</summary>
    private static List<AwsRateLimit> Load()
    {
        using var stream = typeof(AwsRateLimits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        static string Patterns(JsonElement list) => string.Join('|', list.EnumerateArray().Select(p => p.GetString()));
        return
        [
            .. document.RootElement.GetProperty("limits").EnumerateArray().Select(limit => new AwsRateLimit(
                limit.GetProperty("service").GetString()!,
                Patterns(limit.GetProperty("operations")),
                limit.GetProperty("rate").GetDouble(),
                limit.GetProperty("burst").GetInt32(),
                limit.GetProperty("maxInFlight").GetInt32())
            {
                Except = Patterns(limit.GetProperty("except")),
            }),
        ];
    }
}
