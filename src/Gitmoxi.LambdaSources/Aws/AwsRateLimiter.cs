using System.Diagnostics.CodeAnalysis;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Meters one service's calls through the token buckets of <see cref="AwsRateLimits"/>: a call first takes a slot
/// among its bucket's in-flight calls, then a token; when the bucket is empty it reserves the next token and waits
/// for it, so waiting calls go out in arrival order at the bucket's rate.
/// </summary>
internal sealed class AwsRateLimiter
{
    private readonly Dictionary<AwsRateLimit, TokenBucket> buckets;
    private readonly AwsRateLimits limits;
    private readonly string signingName;

    public AwsRateLimiter(AwsRateLimits limits, string signingName, TimeProvider time)
    {
        this.limits = limits;
        this.signingName = signingName;
        buckets = limits.Limits
            .Where(l => l.SigningName == signingName)
            .ToDictionary(l => l, l => new TokenBucket(l, limits.Utilization, time));
    }

    /// <summary>Waits until <paramref name="operation"/> may be sent; dispose the lease when its answer is in.</summary>
    public async ValueTask<IDisposable?> AcquireAsync(string operation, CancellationToken cancellationToken) =>
        limits.For(signingName, operation) is { } limit ? await buckets[limit].AcquireAsync(cancellationToken) : null;

    [SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no unmanaged handle unless AvailableWaitHandle is read, which nothing here does.")]
    private sealed class TokenBucket
    {
        private readonly object gate = new();
        private readonly SemaphoreSlim inFlight;
        private readonly TimeProvider time;
        private readonly double rate;
        private readonly double burst;
        private double tokens;
        private long refilledAt;

        public TokenBucket(AwsRateLimit limit, double utilization, TimeProvider time)
        {
            this.time = time;
            rate = limit.RatePerSecond * utilization;
            burst = Math.Max(1, Math.Floor(limit.Burst * utilization));
            tokens = burst;
            refilledAt = time.GetTimestamp();
            inFlight = new SemaphoreSlim(limit.MaxInFlight, limit.MaxInFlight);
        }

        public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
        {
            await inFlight.WaitAsync(cancellationToken);
            try
            {
                var wait = Reserve();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken);
                }
            }
            catch
            {
                inFlight.Release();
                throw;
            }

            return new Lease(inFlight);
        }

        /// <summary>Takes a token, letting the balance go negative: the debt is how long this caller waits.</summary>
        private TimeSpan Reserve()
        {
            lock (gate)
            {
                var now = time.GetTimestamp();
                tokens = Math.Min(burst, tokens + (time.GetElapsedTime(refilledAt, now).TotalSeconds * rate));
                refilledAt = now;
                tokens -= 1;
                return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / rate);
            }
        }
    }

    private sealed class Lease(SemaphoreSlim inFlight) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                inFlight.Release();
            }
        }
    }
}
