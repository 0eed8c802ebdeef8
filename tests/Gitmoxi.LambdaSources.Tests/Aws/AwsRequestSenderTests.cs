using System.Net;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class AwsRequestSenderTests
{
    private const string Mapping = """{"UUID":"u1","State":"Enabled"}""";

    private static readonly CreateEventSourceMappingRequest Create = new()
    {
        FunctionName = "f1",
        EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:q1",
    };

    private static readonly GetEventSourceMappingRequest Get = new() { UUID = "u1" };

    [TestMethod]
    public async Task Throttling_is_retried_with_jittered_exponential_backoff()
    {
        var handler = new FakeHttpHandler()
            .Reply((HttpStatusCode)429, """{"message":"Rate exceeded"}""")
            .Reply(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException"}""")
            .Reply(HttpStatusCode.BadRequest, "<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>")
            .Reply(HttpStatusCode.Accepted, Mapping);
        var lambda = AwsTestSetup.Lambda(handler, out var clock);

        var created = await lambda.CreateEventSourceMappingAsync(Create);

        Assert.AreEqual("u1", created.UUID);
        Assert.AreEqual(4, handler.Requests.Count);
        CollectionAssert.AreEqual(new[] { Ms(50), Ms(100), Ms(200) }, clock.Delays);
    }

    [TestMethod]
    public async Task Backoff_is_capped_and_attempts_are_bounded()
    {
        var handler = new FakeHttpHandler();
        for (var i = 0; i < 4; i++)
        {
            handler.Reply(HttpStatusCode.InternalServerError, """{"__type":"ServiceException","message":"internal"}""");
        }

        var settings = AwsTestSetup.Settings(Backoff.AwsRequests with { MaxAttempts = 4, BaseDelay = Ms(100), MaxDelay = Ms(150) });
        var lambda = AwsTestSetup.Lambda(handler, out var clock, settings, jitter: 1.0);

        var error = await Assert.ThrowsExactlyAsync<AwsServiceException>(() => lambda.GetEventSourceMappingAsync(Get));

        Assert.AreEqual(4, handler.Requests.Count);
        CollectionAssert.AreEqual(new[] { Ms(100), Ms(150), Ms(150) }, clock.Delays);
        Assert.AreEqual(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [TestMethod]
    public async Task Retry_after_header_is_honoured()
    {
        var handler = new FakeHttpHandler()
            .Reply((HttpStatusCode)429, """{"__type":"TooManyRequestsException"}""", ("Retry-After", "3"))
            .Reply(HttpStatusCode.OK, Mapping);
        var lambda = AwsTestSetup.Lambda(handler, out var clock);

        await lambda.GetEventSourceMappingAsync(Get);

        CollectionAssert.AreEqual(new[] { TimeSpan.FromSeconds(3) }, clock.Delays);
    }

    [TestMethod]
    public async Task Each_retry_is_logged_with_its_reason_delay_and_attempt()
    {
        var handler = new FakeHttpHandler()
            .Reply((HttpStatusCode)429, """{"__type":"TooManyRequestsException"}""", ("Retry-After", "3"))
            .Reply(HttpStatusCode.ServiceUnavailable, """{"__type":"ServiceException"}""", ("Retry-After", "2"))
            .Reply(HttpStatusCode.OK, Mapping);
        var log = new RecordingLogger();
        var clock = new ManualTimeProvider(AwsTestSetup.DocumentationTime);
        var lambda = new AmazonLambdaClient(new HttpClient(handler), AwsTestSetup.Settings(), clock, new FixedRandom(0), log);

        await lambda.GetEventSourceMappingAsync(Get);

        Assert.AreEqual(
            """
            Information: Throttled by Lambda GetEventSourceMapping; retrying in 00:00:03 (attempt 2 of 4)
            Information: Lambda GetEventSourceMapping failed (HTTP 503 ServiceException); retrying in 00:00:02 (attempt 3 of 4)
            """,
            string.Join('\n', log.Lines));
    }

    [TestMethod]
    public async Task Retry_after_seconds_body_member_is_honoured()
    {
        var handler = new FakeHttpHandler()
            .Reply((HttpStatusCode)429, """{"__type":"TooManyRequestsException","retryAfterSeconds":"2"}""")
            .Reply(HttpStatusCode.OK, Mapping);
        var lambda = AwsTestSetup.Lambda(handler, out var clock);

        await lambda.GetEventSourceMappingAsync(Get);

        CollectionAssert.AreEqual(new[] { TimeSpan.FromSeconds(2) }, clock.Delays);
    }

    [TestMethod]
    public async Task No_retry_starts_past_the_total_time_bound()
    {
        var handler = new FakeHttpHandler()
            .Reply((HttpStatusCode)429, """{"__type":"TooManyRequestsException","message":"Rate exceeded"}""", ("Retry-After", "5"));
        var settings = AwsTestSetup.Settings(Backoff.AwsRequests with { MaxAttempts = 4, MaxTotalTime = TimeSpan.FromSeconds(1) });
        var lambda = AwsTestSetup.Lambda(handler, out var clock, settings);

        var error = await Assert.ThrowsExactlyAsync<AwsServiceException>(() => lambda.GetEventSourceMappingAsync(Get));

        Assert.AreEqual(("TooManyRequestsException", TimeSpan.FromSeconds(5)), (error.ErrorCode, error.Error.RetryAfter));
        Assert.AreEqual(1, handler.Requests.Count);
        Assert.AreEqual(0, clock.Delays.Count);
    }

    [TestMethod]
    public async Task Client_errors_are_not_retried_and_carry_what_AWS_said()
    {
        var handler = new FakeHttpHandler().Reply(
            HttpStatusCode.NotFound,
            """{"__type":"ResourceNotFoundException","message":"Function not found"}""",
            ("x-amzn-RequestId", "req-404"));
        var lambda = AwsTestSetup.Lambda(handler);

        var error = await Assert.ThrowsExactlyAsync<ResourceNotFoundException>(() => lambda.GetEventSourceMappingAsync(Get));

        Assert.AreEqual(("ResourceNotFoundException", "Function not found", HttpStatusCode.NotFound, "req-404"), (error.ErrorCode, error.Message, error.StatusCode, error.RequestId));
        Assert.AreEqual(1, handler.Requests.Count);
    }

    [TestMethod]
    public async Task An_error_message_that_echoes_the_secret_key_or_session_token_is_redacted()
    {
        const string SessionToken = "FwoGZXIvYXdzEXAMPLEsessionTOKEN0123456789";
        var handler = new FakeHttpHandler().Reply(
            HttpStatusCode.Forbidden,
            $$"""{"__type":"AccessDeniedException","message":"key {{AwsTestSetup.SecretKey}} token {{SessionToken}} refused"}""");
        var settings = AwsTestSetup.Settings(credentials: new SessionAWSCredentials(AwsTestSetup.AccessKey, AwsTestSetup.SecretKey, SessionToken));

        var error = await Assert.ThrowsExactlyAsync<AwsServiceException>(() => AwsTestSetup.Lambda(handler, settings).GetEventSourceMappingAsync(Get));

        Assert.AreEqual("key *** token *** refused", error.Message);
    }

    [TestMethod]
    public async Task Error_codes_the_engine_does_not_handle_keep_their_code()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.BadRequest, """{"__type":"ValidationException","message":"no"}""");

        var error = await Assert.ThrowsExactlyAsync<AwsServiceException>(() => AwsTestSetup.Lambda(handler).GetEventSourceMappingAsync(Get));

        Assert.AreEqual("ValidationException", error.ErrorCode);
    }

    [TestMethod]
    public async Task Create_that_timed_out_is_not_repeated_and_reports_an_unknown_outcome()
    {
        var handler = new FakeHttpHandler().Throw(new TaskCanceledException("timeout", new TimeoutException()));

        var error = await Assert.ThrowsExactlyAsync<AwsOutcomeUnknownException>(() => AwsTestSetup.Lambda(handler).CreateEventSourceMappingAsync(Create));

        Assert.AreEqual(1, handler.Requests.Count);
        Assert.AreEqual("CreateEventSourceMapping", error.Operation);
    }

    [TestMethod]
    public async Task Create_whose_connection_dropped_after_sending_is_not_repeated()
    {
        var handler = new FakeHttpHandler().Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));

        await Assert.ThrowsExactlyAsync<AwsOutcomeUnknownException>(() => AwsTestSetup.Lambda(handler).CreateEventSourceMappingAsync(Create));

        Assert.AreEqual(1, handler.Requests.Count);
    }

    [TestMethod]
    public async Task Create_that_met_a_server_error_is_not_repeated()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        var error = await Assert.ThrowsExactlyAsync<AwsOutcomeUnknownException>(() => AwsTestSetup.Lambda(handler).CreateEventSourceMappingAsync(Create));

        Assert.AreEqual(1, handler.Requests.Count);
        Assert.AreEqual("Http502", ((AwsServiceException)error.InnerException!).ErrorCode);
    }

    [TestMethod]
    public async Task Create_that_could_not_connect_is_retried()
    {
        var handler = new FakeHttpHandler()
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .Reply(HttpStatusCode.Created, Mapping);

        var created = await AwsTestSetup.Lambda(handler).CreateEventSourceMappingAsync(Create);

        Assert.AreEqual("u1", created.UUID);
        Assert.AreEqual(2, handler.Requests.Count);
    }

    [TestMethod]
    public async Task Idempotent_call_is_retried_after_a_timeout()
    {
        var handler = new FakeHttpHandler()
            .Throw(new TaskCanceledException("timeout", new TimeoutException()))
            .Reply(HttpStatusCode.OK, Mapping);

        var mapping = await AwsTestSetup.Lambda(handler).GetEventSourceMappingAsync(Get);

        Assert.AreEqual("Enabled", mapping.State);
        Assert.AreEqual(2, handler.Requests.Count);
    }

    [TestMethod]
    public async Task Network_failures_end_in_a_transport_error_when_attempts_run_out()
    {
        var handler = new FakeHttpHandler();
        for (var i = 0; i < 4; i++)
        {
            handler.Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"));
        }

        var error = await Assert.ThrowsExactlyAsync<AwsTransportException>(() => AwsTestSetup.Lambda(handler).GetEventSourceMappingAsync(Get));

        Assert.AreEqual("GetEventSourceMapping to Lambda failed after 4 attempt(s): Name or service not known.", error.Message);
    }

    [TestMethod]
    public async Task Caller_cancellation_during_a_call_is_not_retried()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new FakeHttpHandler().Then(async (_, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAsync<OperationCanceledException>(
            () => AwsTestSetup.Lambda(handler).CreateEventSourceMappingAsync(Create, cancellation.Token));

        Assert.AreEqual(1, handler.Requests.Count);
    }

    [TestMethod]
    public async Task Caller_cancellation_stops_the_backoff()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new FakeHttpHandler().Then(async (_, _) =>
        {
            await cancellation.CancelAsync();
            return FakeHttpHandler.Response((HttpStatusCode)429, """{"__type":"TooManyRequestsException"}""");
        });

        await Assert.ThrowsAsync<OperationCanceledException>(
            () => AwsTestSetup.Lambda(handler).GetEventSourceMappingAsync(Get, cancellation.Token));

        Assert.AreEqual(1, handler.Requests.Count);
    }

    [TestMethod]
    public async Task Errors_never_show_the_request_body_or_the_secret_key()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.BadRequest, """{"__type":"InvalidParameterValueException","message":"bad filter"}""")
            .Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"));
        var lambda = AwsTestSetup.Lambda(handler);
        var request = new CreateEventSourceMappingRequest { FunctionName = "f1", KMSKeyArn = "body-marker-7f3a" };

        var rejected = await Assert.ThrowsExactlyAsync<AwsServiceException>(() => lambda.CreateEventSourceMappingAsync(request));
        var unknown = await Assert.ThrowsExactlyAsync<AwsOutcomeUnknownException>(() => lambda.CreateEventSourceMappingAsync(request));

        Assert.Contains("body-marker-7f3a", handler.Requests[0].Body);
        foreach (var text in new[] { rejected.ToString(), unknown.ToString() })
        {
            Assert.DoesNotContain("body-marker-7f3a", text);
            Assert.DoesNotContain(AwsTestSetup.SecretKey, text);
        }
    }

    [TestMethod]
    public async Task Any_success_status_is_accepted()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.Created, Mapping)
            .Reply(HttpStatusCode.OK, "{}")
            .Reply(HttpStatusCode.NoContent);
        var lambda = AwsTestSetup.Lambda(handler);

        var deleted = await lambda.DeleteEventSourceMappingAsync(new DeleteEventSourceMappingRequest { UUID = "u1" });
        var updated = await lambda.UpdateEventSourceMappingAsync(new UpdateEventSourceMappingRequest { UUID = "u1" });
        await lambda.RemovePermissionAsync(new RemovePermissionRequest { FunctionName = "f1", StatementId = "s1" });

        Assert.AreEqual(("u1", null), (deleted.UUID, updated.UUID));
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}

/// <summary>Each log entry as "Level: message".</summary>
internal sealed class RecordingLogger : Microsoft.Extensions.Logging.ILogger
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(
        Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Add($"{logLevel}: {formatter(state, exception)}");
}
