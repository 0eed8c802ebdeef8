using System.Diagnostics;
using System.Text.Json.Nodes;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>The launcher's injected faults and its real-AWS profile, seen over raw HTTP (README.md, "Faults and the
/// real-AWS profile").</summary>
[TestClass]
public sealed class FaultInjectionTests(TestContext testContext) : EmulatorFixture<FaultInjectionTests>
{
    private const string MappingsPath = "/2015-03-31/event-source-mappings";
    private const string ListMappings = "lambda:ListEventSourceMappings";
    private const string DescribeTargetGroupsForm = "Action=DescribeTargetGroups&Version=2015-12-01";

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestMethod]
    public async Task The_same_seed_gives_the_same_faults_and_another_seed_different_ones()
    {
        var first = await StatusesUnderAsync(Seeded(7));
        var again = await StatusesUnderAsync(Seeded(7));
        var other = await StatusesUnderAsync(Seeded(8));

        Assert.AreEqual(first, again);
        Assert.AreNotEqual(first, other);
        StringAssert.Contains(first, "200");
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        var failed = new[] { first, again, other }.Sum(s => s.Split(',').Count(status => status != "200"));
        Assert.AreEqual(failed, counts.Faults.Sum(f => f.Count));
        Assert.AreEqual(60, counts.Count(ListMappings));
    }

    [TestMethod]
    public async Task Lambda_throttle_is_429_TooManyRequestsException_with_Retry_After_and_Reason()
    {
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.Throttle]) { RetryAfterSeconds = 2 });

        var response = await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation);

        Assert.AreEqual((429, "TooManyRequestsException", "2"), (response.StatusCode, response.ErrorType, response.Headers["Retry-After"]));
        Assert.AreEqual(
            """{"__type":"TooManyRequestsException","Type":"User","message":"Rate exceeded","retryAfterSeconds":"2","Reason":"CallerRateLimitExceeded"}""",
            response.Json!.ToJsonString());
        Assert.AreEqual(1, (await emulator.GetRequestCountsAsync(Cancellation)).FaultsOf(FaultKind.Throttle, ListMappings));
    }

    [TestMethod]
    public async Task Api_gateway_throttle_is_429_TooManyRequestsException_with_Retry_After()
    {
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.Throttle]));

        var response = await emulator.SendJsonAsync("apigateway", HttpMethod.Get, "/v2/apis", null, Cancellation);

        Assert.AreEqual((429, "TooManyRequestsException", "1"), (response.StatusCode, response.ErrorType, response.Headers["Retry-After"]));
        Assert.AreEqual("""{"__type":"TooManyRequestsException","message":"Too Many Requests","limitType":"Rate"}""", response.Json!.ToJsonString());
    }

    [TestMethod]
    public async Task Elbv2_throttle_is_400_Throttling_in_an_xml_ErrorResponse()
    {
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.Throttle]));

        var response = await emulator.SendFormAsync("elasticloadbalancing", DescribeTargetGroupsForm, Cancellation);

        Assert.AreEqual((400, "Throttling"), (response.StatusCode, response.ErrorType));
        Assert.AreEqual("Sender|Throttling|Rate exceeded", string.Join('|', response.XmlValues("Type").Concat(response.XmlValues("Code")).Concat(response.XmlValues("Message"))));
    }

    [TestMethod]
    public async Task Server_errors_are_500_ServiceException_for_lambda_and_503_ServiceUnavailable_for_elbv2()
    {
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.InternalError]) { Operations = ["lambda:*"] });
        var lambda = await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation);
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.Unavailable]) { Operations = ["elasticloadbalancing:*"] });
        var elb = await emulator.SendFormAsync("elasticloadbalancing", DescribeTargetGroupsForm, Cancellation);

        Assert.AreEqual((500, "ServiceException"), (lambda.StatusCode, lambda.ErrorType));
        Assert.AreEqual((503, "ServiceUnavailable"), (elb.StatusCode, elb.ErrorType));
        Assert.AreEqual("Receiver", elb.XmlValues("Type").Single());
    }

    [TestMethod]
    public async Task A_connection_reset_fails_the_call_without_any_response()
    {
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.ConnectionReset]));

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation));

        Assert.IsGreaterThanOrEqualTo(1, (await emulator.GetRequestCountsAsync(Cancellation)).FaultsOf(FaultKind.ConnectionReset, ListMappings));
    }

    [TestMethod]
    public async Task A_timeout_holds_the_request_until_the_client_gives_up()
    {
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.Timeout]) { Timeout = TimeSpan.FromMinutes(1) });
        using var clientTimeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        clientTimeout.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<OperationCanceledException>(() => emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, clientTimeout.Token));

        Assert.AreEqual(1, (await emulator.GetRequestCountsAsync(Cancellation)).FaultsOf(FaultKind.Timeout, ListMappings));
    }

    [TestMethod]
    public async Task A_fault_before_the_request_leaves_nothing_applied()
    {
        var world = await emulator.SeedAsync(Cancellation);
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.InternalError]) { Operations = ["lambda:CreateEventSourceMapping"] });

        var create = await CreateMappingAsync(world);

        Assert.AreEqual(500, create.StatusCode);
        Assert.IsEmpty(await ListedMappingsAsync());
    }

    [TestMethod]
    public async Task A_fault_after_the_request_applies_it_although_the_client_saw_a_failure()
    {
        var world = await emulator.SeedAsync(Cancellation);
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.ConnectionReset]) { WritesOnly = true, Phase = FaultPhase.AfterRequest });

        await Assert.ThrowsAsync<HttpRequestException>(() => CreateMappingAsync(world));

        var mapping = (await ListedMappingsAsync()).Single()!;
        Assert.AreEqual(world.Queues["orders-queue"], (string)mapping["EventSourceArn"]!);
    }

    [TestMethod]
    public async Task A_lost_create_answer_combines_with_state_transitions_into_conflict_and_resource_in_use()
    {
        var world = await emulator.SeedAsync(Cancellation);
        var lostAnswer = new FaultProfile(1, 1, [FaultKind.InternalError]) { Operations = ["lambda:CreateEventSourceMapping"], Phase = FaultPhase.AfterRequest };
        await emulator.ConfigureAsync(EmulatorConfiguration.Default with { StateTransitionDelay = TimeSpan.FromMinutes(5), Faults = lostAnswer }, Cancellation);

        var create = await CreateMappingAsync(world);
        await emulator.ConfigureAsync(EmulatorConfiguration.Default with { StateTransitionDelay = TimeSpan.FromMinutes(5) }, Cancellation);
        var blindRetry = await CreateMappingAsync(world);
        var found = (await ListedMappingsAsync()).Single()!;
        var update = await emulator.SendJsonAsync("lambda", HttpMethod.Put, $"{MappingsPath}/{(string)found["UUID"]!}", new JsonObject { ["BatchSize"] = 5 }, Cancellation);

        Assert.AreEqual(500, create.StatusCode);
        Assert.AreEqual((409, "ResourceConflictException"), (blindRetry.StatusCode, blindRetry.ErrorType));
        Assert.AreEqual("Creating", (string)found["State"]!);
        Assert.AreEqual((400, "ResourceInUseException"), (update.StatusCode, update.ErrorType));
    }

    [TestMethod]
    public async Task A_hard_failure_lets_the_first_requests_through_then_fails_every_later_one()
    {
        await InjectAsync(FaultProfile.HardFailure(FaultKind.Unavailable, passing: 2, ListMappings));

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation)).StatusCode);
        }

        var otherOperation = await emulator.SendJsonAsync("apigateway", HttpMethod.Get, "/v2/apis", null, Cancellation);

        Assert.AreEqual("200,200,503,503,503", string.Join(',', statuses));
        Assert.AreEqual(200, otherOperation.StatusCode);
        Assert.AreEqual(3, (await emulator.GetRequestCountsAsync(Cancellation)).FaultsOf(FaultKind.Unavailable, ListMappings));
    }

    [TestMethod]
    public async Task Injected_latency_delays_the_answer_by_at_least_the_configured_time()
    {
        await InjectAsync(new FaultProfile(1, 1, [FaultKind.Latency]) { Latency = TimeSpan.FromMilliseconds(300), Jitter = TimeSpan.FromMilliseconds(50) });

        var clock = Stopwatch.StartNew();
        var response = await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation);
        clock.Stop();

        Assert.AreEqual(200, response.StatusCode);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300), clock.Elapsed);
    }

    [TestMethod]
    public async Task Real_aws_profile_refuses_a_lambda_burst_beyond_its_bucket_and_recovers_after_the_refill()
    {
        await UseRealAwsProfileAsync(TimeSpan.Zero);

        var burst = await BurstAsync(40, () => emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation));
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        var afterRefill = await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation);

        var throttled = burst.Where(r => r.StatusCode == 429).ToList();
        Assert.IsNotEmpty(throttled);
        Assert.IsTrue(throttled.All(r => r.ErrorType == "TooManyRequestsException" && r.Headers.ContainsKey("Retry-After")));
        Assert.AreEqual(200, afterRefill.StatusCode);
        Assert.AreEqual(throttled.Count, (await emulator.GetRequestCountsAsync(Cancellation)).RateLimited);
    }

    [TestMethod]
    public async Task Real_aws_profile_throttles_an_elbv2_describe_burst_with_Throttling()
    {
        await UseRealAwsProfileAsync(TimeSpan.Zero);

        var burst = await BurstAsync(60, () => emulator.SendFormAsync("elasticloadbalancing", DescribeTargetGroupsForm, Cancellation));

        Assert.Contains(r => r.StatusCode == 400 && r.ErrorType == "Throttling", burst);
    }

    [TestMethod]
    public async Task Real_aws_profile_adds_at_least_its_latency_to_every_call()
    {
        await UseRealAwsProfileAsync(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        var response = await emulator.SendJsonAsync("apigateway", HttpMethod.Get, "/v2/apis", null, Cancellation);
        clock.Stop();

        Assert.AreEqual(200, response.StatusCode);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300), clock.Elapsed);
    }

    [TestMethod]
    public async Task Reset_removes_faults_profile_and_fault_counts()
    {
        await emulator.ConfigureAsync(
            EmulatorConfiguration.Default with { Faults = new FaultProfile(1, 1, [FaultKind.Throttle]), Profile = EmulatorConfiguration.RealAwsProfile },
            Cancellation);
        Assert.AreEqual(429, (await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation)).StatusCode);

        await emulator.ResetAsync(Cancellation);

        var burst = await BurstAsync(40, () => emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation));
        Assert.IsTrue(burst.All(r => r.StatusCode == 200));
        Assert.IsEmpty((await emulator.GetRequestCountsAsync(Cancellation)).Faults);
    }

    private static FaultProfile Seeded(int seed) =>
        new(seed, Probability: 0.5, [FaultKind.Throttle, FaultKind.InternalError, FaultKind.Unavailable]);

    private static async Task<IReadOnlyList<EmulatorResponse>> BurstAsync(int calls, Func<Task<EmulatorResponse>> call) =>
        await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => call()));

    private async Task<string> StatusesUnderAsync(FaultProfile faults)
    {
        await InjectAsync(faults);
        var statuses = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation)).StatusCode);
        }

        return string.Join(',', statuses);
    }

    private async Task InjectAsync(FaultProfile faults) =>
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = faults }, Cancellation);

    private async Task UseRealAwsProfileAsync(TimeSpan latency) =>
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Profile = EmulatorConfiguration.RealAwsProfile, ProfileLatency = latency }, Cancellation);

    private async Task<EmulatorResponse> CreateMappingAsync(SeededWorld world)
    {
        var mapping = new JsonObject { ["FunctionName"] = "orders", ["EventSourceArn"] = world.Queues["orders-queue"] };
        return await emulator.SendJsonAsync("lambda", HttpMethod.Post, MappingsPath, mapping, Cancellation);
    }

    private async Task<JsonArray> ListedMappingsAsync()
    {
        var response = await emulator.SendJsonAsync("lambda", HttpMethod.Get, MappingsPath, null, Cancellation);
        Assert.AreEqual(200, response.StatusCode, response.Body);
        return response.Json!["EventSourceMappings"]!.AsArray();
    }
}
