using System.Net;
using System.Text;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.S3;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.LambdaSources.Tests.Aws;

/// <summary>A request as the fake handler saw it, headers included (content headers merged in).</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>Answers each request with the next scripted reply; records what was sent. No network.</summary>
internal sealed class FakeHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _replies = new();

    public List<RecordedRequest> Requests { get; } = [];

    public FakeHttpHandler Reply(HttpStatusCode status, string body = "", params (string Name, string Value)[] headers)
    {
        _replies.Enqueue((_, _) => Task.FromResult(Response(status, body, headers)));
        return this;
    }

    public FakeHttpHandler Throw(Exception exception)
    {
        _replies.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    public FakeHttpHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    /// <summary>Every reply says text/html, as moto does even for JSON.</summary>
    public static HttpResponseMessage Response(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8) };
        response.Content.Headers.ContentType = new("text/html") { CharSet = "utf-8" };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
        if (_replies.Count == 0)
        {
            throw new InvalidOperationException($"No reply scripted for request {Requests.Count}.");
        }

        return await _replies.Dequeue()(request, cancellationToken);
    }
}

/// <summary>A clock that never waits: each timer advances it by its due time and fires at once, recording the delay.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            Delays.Add(dueTime);
            _now += dueTime;
        }

        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Jitter fixed to one fraction of the backoff ceiling.</summary>
internal sealed class FixedRandom(double fraction) : Random
{
    public override double NextDouble() => fraction;

    protected override double Sample() => fraction;
}

internal static class AwsTestSetup
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static readonly DateTimeOffset DocumentationTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public static AwsSettings Settings(Backoff? retry = null, AWSCredentials? credentials = null) =>
        new("us-east-1", credentials ?? new BasicAWSCredentials(AccessKey, SecretKey))
        {
            Retry = retry ?? Backoff.AwsRequests with { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(10) },
        };

    public static AmazonLambdaClient Lambda(FakeHttpHandler handler, out ManualTimeProvider clock, AwsSettings? settings = null, double jitter = 0.5)
    {
        clock = new ManualTimeProvider(DocumentationTime);
        return new AmazonLambdaClient(new HttpClient(handler), settings ?? Settings(), clock, new FixedRandom(jitter));
    }

    public static AmazonLambdaClient Lambda(FakeHttpHandler handler, AwsSettings? settings = null) => Lambda(handler, out _, settings);

    public static AmazonElasticLoadBalancingV2Client ElasticLoadBalancingV2(FakeHttpHandler handler) =>
        new(new HttpClient(handler), Settings(), new ManualTimeProvider(DocumentationTime), new FixedRandom(0.5));

    public static Gitmoxi.LambdaSources.Aws.Scheduler.AmazonSchedulerClient Scheduler(FakeHttpHandler handler) =>
        new(new HttpClient(handler), Settings());

    public static Gitmoxi.LambdaSources.Aws.ApiGateway.AmazonAPIGatewayClient RestApi(FakeHttpHandler handler) =>
        new(new HttpClient(handler), Settings());

    public static AmazonApiGatewayV2Client ApiGatewayV2(FakeHttpHandler handler) =>
        new(new HttpClient(handler), Settings(), new ManualTimeProvider(DocumentationTime), new FixedRandom(0.5));

    public static AmazonS3Client S3(FakeHttpHandler handler) =>
        new(new HttpClient(handler), Settings(), new ManualTimeProvider(DocumentationTime), new FixedRandom(0.5));
}
