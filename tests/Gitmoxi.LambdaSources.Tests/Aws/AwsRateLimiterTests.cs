using Gitmoxi.LambdaSources.Aws;
using Microsoft.Extensions.Time.Testing;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class AwsRateLimiterTests
{
    private static readonly TimeSpan Completion = TimeSpan.FromSeconds(10);

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Calls_within_the_burst_go_at_once_and_the_next_waits_for_its_token()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(time, new AwsRateLimit("lambda", "*", RatePerSecond: 10, Burst: 2, MaxInFlight: 10));

        (await limiter.AcquireAsync("ListTags", Token))!.Dispose();
        (await limiter.AcquireAsync("ListTags", Token))!.Dispose();
        var third = limiter.AcquireAsync("ListTags", Token).AsTask();

        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.IsFalse(third.IsCompleted, "one token every 100 ms at 10 per second");
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await third.WaitAsync(Completion, Token))!.Dispose();
    }

    [TestMethod]
    public async Task Waiting_calls_are_spaced_by_the_rate_in_arrival_order()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(time, new AwsRateLimit("lambda", "*", RatePerSecond: 4, Burst: 1, MaxInFlight: 10));
        (await limiter.AcquireAsync("ListTags", Token))!.Dispose();

        var second = limiter.AcquireAsync("ListTags", Token).AsTask();
        var third = limiter.AcquireAsync("ListTags", Token).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(250));
        (await second.WaitAsync(Completion, Token))!.Dispose();

        Assert.IsFalse(third.IsCompleted, "the third reserved the token after the second's");
        time.Advance(TimeSpan.FromMilliseconds(250));
        (await third.WaitAsync(Completion, Token))!.Dispose();
    }

    [TestMethod]
    public async Task An_idle_bucket_refills_only_up_to_its_burst()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(time, new AwsRateLimit("apigateway", "*", RatePerSecond: 10, Burst: 3, MaxInFlight: 10));

        time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync("GetRoutes", Token))!.Dispose();
        }

        var fourth = limiter.AcquireAsync("GetRoutes", Token).AsTask();
        Assert.IsFalse(fourth.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        (await fourth.WaitAsync(Completion, Token))!.Dispose();
    }

    [TestMethod]
    public async Task Each_operation_draws_from_the_first_limit_that_names_it()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(
            time,
            new AwsRateLimit("lambda", "GetFunction", RatePerSecond: 100, Burst: 100, MaxInFlight: 10),
            new AwsRateLimit("lambda", "*", RatePerSecond: 1, Burst: 1, MaxInFlight: 10));

        (await limiter.AcquireAsync("ListTags", Token))!.Dispose();
        var throttledShared = limiter.AcquireAsync("ListEventSourceMappings", Token).AsTask();
        (await limiter.AcquireAsync("GetFunction", Token))!.Dispose();

        Assert.IsFalse(throttledShared.IsCompleted, "ListTags and ListEventSourceMappings share one bucket");
        time.Advance(TimeSpan.FromSeconds(1));
        (await throttledShared.WaitAsync(Completion, Token))!.Dispose();
    }

    [TestMethod]
    public async Task A_call_waits_for_a_slot_when_its_bucket_has_as_many_calls_in_flight_as_allowed()
    {
        var limiter = Limiter(new FakeTimeProvider(), new AwsRateLimit("elasticloadbalancing", "Describe*", RatePerSecond: 100, Burst: 100, MaxInFlight: 2));
        var first = await limiter.AcquireAsync("DescribeTargetGroups", Token);
        var second = await limiter.AcquireAsync("DescribeTargetHealth", Token);

        var third = limiter.AcquireAsync("DescribeTargetHealth", Token).AsTask();
        Assert.IsFalse(third.IsCompleted);
        first!.Dispose();
        (await third.WaitAsync(Completion, Token))!.Dispose();
        second!.Dispose();
    }

    [TestMethod]
    public async Task Operations_no_limit_names_and_other_services_are_not_paced()
    {
        var limiter = new AwsRateLimiter(
            new AwsRateLimits([new AwsRateLimit("elasticloadbalancing", "Describe*", 1, 1, 1)]), "elasticloadbalancing", new FakeTimeProvider());

        Assert.IsNotNull(await limiter.AcquireAsync("DescribeTargetGroups", Token));
        Assert.IsNull(await limiter.AcquireAsync("RegisterTargets", Token));
        Assert.IsNull(await new AwsRateLimiter(AwsRateLimits.Documented, "sts", new FakeTimeProvider()).AcquireAsync("AssumeRoleWithWebIdentity", Token));
    }

    [TestMethod]
    public async Task The_documented_limits_are_used_at_ninety_percent_of_rate_and_burst()
    {
        var time = new FakeTimeProvider();
        var limiter = new AwsRateLimiter(AwsRateLimits.Documented, "lambda", time);

        for (var i = 0; i < 13; i++)
        {
            (await limiter.AcquireAsync("GetPolicy", Token))!.Dispose();
        }

        var paced = limiter.AcquireAsync("GetPolicy", Token).AsTask();
        Assert.IsFalse(paced.IsCompleted, "a burst of 15 at 90 % is 13 calls");
        time.Advance(TimeSpan.FromSeconds(1 / 13.5));
        (await paced.WaitAsync(Completion, Token))!.Dispose();
    }

    [TestMethod]
    public async Task A_canceled_wait_gives_its_in_flight_slot_back()
    {
        var time = new FakeTimeProvider();
        var limiter = Limiter(time, new AwsRateLimit("lambda", "*", RatePerSecond: 1, Burst: 1, MaxInFlight: 1));
        (await limiter.AcquireAsync("ListTags", Token))!.Dispose();
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync("ListTags", cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => waiting);
        time.Advance(TimeSpan.FromSeconds(2));
        (await limiter.AcquireAsync("ListTags", Token).AsTask().WaitAsync(Completion, Token))!.Dispose();
    }

    [TestMethod]
    [DataRow(null, 13)]
    [DataRow("aws", 13)]
    [DataRow(" AWS ", 13)]
    [DataRow("off", 0)]
    public void A_host_setting_chooses_the_documented_limits_or_none(string? setting, int limits) =>
        Assert.HasCount(limits, AwsRateLimits.Parse(setting).Limits);

    [TestMethod]
    public void A_multiplier_scales_every_documented_rate_and_burst()
    {
        var scaled = AwsRateLimits.Parse("10").For("lambda", "ListTags")!;

        Assert.AreEqual(new AwsRateLimit("lambda", "*", 150, 150, 4) { Except = "Invoke*" }, scaled);
    }

    [TestMethod]
    [DataRow("fast")]
    [DataRow("0")]
    [DataRow("-2")]
    public void Any_other_setting_is_a_configuration_error(string setting) =>
        Assert.ThrowsExactly<AwsConfigurationException>(() => AwsRateLimits.Parse(setting));

    [TestMethod]
    public void Settings_read_the_pacing_from_the_environment_the_host_passes()
    {
        var credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret");

        Assert.AreSame(AwsRateLimits.Documented, AwsSettings.FromCredentials(new Dictionary<string, string>(), "us-east-1", credentials).RateLimits);
        Assert.AreSame(
            AwsRateLimits.None,
            AwsSettings.FromCredentials(new Dictionary<string, string> { ["GITMOXI_AWS_RATE_LIMITS"] = "off" }, "us-east-1", credentials).RateLimits);
    }

    private static AwsRateLimiter Limiter(TimeProvider time, params AwsRateLimit[] limits) =>
        new(new AwsRateLimits(limits), limits[0].SigningName, time);
}
