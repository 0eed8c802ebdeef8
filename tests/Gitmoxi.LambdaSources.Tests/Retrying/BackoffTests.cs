using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.LambdaSources.Tests.Retrying;

[TestClass]
public sealed class BackoffTests
{
    private static readonly Backoff Policy = new(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    [TestMethod]
    public void The_wait_ceiling_doubles_from_the_base_delay_and_stops_at_the_cap()
    {
        var ceilings = Enumerable.Range(1, 5).Select(retry => Policy.DelayBeforeRetry(retry, random: 1.0).TotalMilliseconds).ToList();

        CollectionAssert.AreEqual(new List<double> { 100, 200, 400, 500, 500 }, ceilings);
        Assert.AreEqual(TimeSpan.FromMilliseconds(100), Policy.DelayBeforeRetry(3, random: 0.25));
        Assert.AreEqual(TimeSpan.Zero, Policy.DelayBeforeRetry(1, random: 0));
    }

    [TestMethod]
    public void A_jittered_wait_stays_below_its_ceiling()
    {
        for (var i = 0; i < 1000; i++)
        {
            var delay = Policy.DelayBeforeRetry(2);
            Assert.IsTrue(delay >= TimeSpan.Zero && delay < TimeSpan.FromMilliseconds(200), delay.ToString());
        }
    }

    [TestMethod]
    public void Retries_stop_at_the_attempt_limit_or_after_the_total_time()
    {
        Assert.IsTrue(Policy.MayRetry(1));
        Assert.IsTrue(Policy.MayRetry(4, TimeSpan.FromSeconds(9)));
        Assert.IsFalse(Policy.MayRetry(5));
        Assert.IsFalse(Policy.MayRetry(2, TimeSpan.FromSeconds(10)));
        Assert.IsTrue(new Backoff(3, TimeSpan.Zero, TimeSpan.Zero).MayRetry(2, TimeSpan.FromDays(1)));
        Assert.IsFalse(new Backoff(1, TimeSpan.Zero, TimeSpan.Zero).MayRetry(1));
    }

    [TestMethod]
    public void Nonsense_bounds_are_refused()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Backoff(0, TimeSpan.Zero, TimeSpan.Zero));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Backoff(1, TimeSpan.FromSeconds(-1), TimeSpan.Zero));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Policy.DelayBeforeRetry(0));
    }
}
