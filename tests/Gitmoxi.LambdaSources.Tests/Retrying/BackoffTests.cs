using Gitmoxi.LambdaSources.Retrying;
using Microsoft.Extensions.Time.Testing;

namespace Gitmoxi.LambdaSources.Tests.Retrying;

[TestClass]
public sealed class BackoffTests
{
    private static readonly Backoff Policy = new(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    [TestMethod]
    public void The_wait_ceiling_doubles_from_the_base_delay_and_stops_at_the_cap()
    {
        var ceilings = Enumerable.Range(1, 5).Select(retry => Policy.Delay(retry, new FixedRandom(0.999999)).TotalMilliseconds).Select(ms => Math.Round(ms)).ToList();

        CollectionAssert.AreEqual(new List<double> { 100, 200, 400, 500, 500 }, ceilings);
        Assert.AreEqual(TimeSpan.FromMilliseconds(100), Policy.Delay(3, new FixedRandom(0.25)));
        Assert.AreEqual(TimeSpan.Zero, Policy.Delay(1, new FixedRandom(0)));
    }

    [TestMethod]
    public void A_jittered_wait_stays_below_its_ceiling()
    {
        for (var i = 0; i < 1000; i++)
        {
            var delay = Policy.Delay(2);
            Assert.IsTrue(delay >= TimeSpan.Zero && delay < TimeSpan.FromMilliseconds(200), delay.ToString());
        }
    }

    [TestMethod]
    public void A_longer_retry_after_from_the_service_wins_over_the_jittered_wait()
    {
        Assert.AreEqual(TimeSpan.FromSeconds(3), Policy.Delay(1, new FixedRandom(0.5), retryAfter: TimeSpan.FromSeconds(3)));
        Assert.AreEqual(TimeSpan.FromMilliseconds(50), Policy.Delay(1, new FixedRandom(0.5), retryAfter: TimeSpan.FromMilliseconds(10)));
    }

    [TestMethod]
    public void Retries_stop_at_the_attempt_limit_or_when_the_wait_would_end_after_the_total_time()
    {
        Assert.IsTrue(Policy.AllowsRetry(1));
        Assert.IsTrue(Policy.AllowsRetry(4, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(1)));
        Assert.IsFalse(Policy.AllowsRetry(5));
        Assert.IsFalse(Policy.AllowsRetry(2, TimeSpan.FromSeconds(9.5), TimeSpan.FromSeconds(1)));
        Assert.IsTrue(new Backoff(3, TimeSpan.Zero, TimeSpan.Zero).AllowsRetry(2, TimeSpan.FromDays(1)));
        Assert.IsFalse(new Backoff(1, TimeSpan.Zero, TimeSpan.Zero).AllowsRetry(1));
    }

    [TestMethod]
    public async Task A_loop_driven_by_a_fake_clock_gives_up_at_the_total_deadline_without_real_waiting()
    {
        var time = new FakeTimeProvider();
        var policy = new Backoff(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
        var started = time.GetUtcNow();
        var random = new FixedRandom(0.999999);
        var attempts = 0;
        var loop = Task.Run(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                attempts = attempt;
                if (!policy.TryDelay(attempt, time.GetUtcNow() - started, out var delay, random))
                {
                    return time.GetUtcNow() - started;
                }

                await Task.Delay(delay, time, CancellationToken.None);
            }
        });

        while (!loop.IsCompleted)
        {
            await Task.Delay(1);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var elapsed = await loop;
        Assert.IsTrue(elapsed <= TimeSpan.FromSeconds(30) && elapsed >= TimeSpan.FromSeconds(26), elapsed.ToString());
        Assert.IsTrue(attempts is >= 9 and <= 11, attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Nonsense_bounds_are_refused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Backoff(0, TimeSpan.Zero, TimeSpan.Zero));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Backoff(1, TimeSpan.FromSeconds(-1), TimeSpan.Zero));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Backoff.AwsRequests with { MaxTotalTime = TimeSpan.FromSeconds(-1) });
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Policy.Delay(0));
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
