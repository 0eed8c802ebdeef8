using System.Collections.Frozen;
using System.Net.Http.Headers;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Sends <see cref="AwsRequest"/>s for one service over <see cref="HttpClient"/>: paces them under the service's
/// documented rate limits (<see cref="AwsSettings.RateLimits"/>; every attempt takes a token), signs them (SigV4), retries
/// throttling, server errors and network failures with capped full-jitter backoff, and turns error answers
/// into the service's typed exceptions. Calls that are not idempotent are never repeated once they may have
/// reached AWS. Caller cancellation is never retried. Each retry is logged with its reason, delay and attempt count.
/// </summary>
internal sealed partial class AwsRequestSender
{
    private static readonly FrozenSet<string> ThrottlingCodes = new[]
    {
        "TooManyRequestsException", "ThrottlingException", "Throttling", "ThrottledException",
        "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly ProductInfoHeaderValue UserAgent = new("gitmoxi-lambda-sources", "1.0");

    private readonly HttpClient _httpClient;
    private readonly AwsSettings _settings;
    private readonly AwsService _service;
    private readonly Func<AwsErrorDetails, AwsServiceException> _exceptionFactory;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly AwsRateLimiter _rateLimiter;
    private readonly ILogger _logger;

    /// <param name="exceptionFactory">Builds the service's typed exception (e.g. <c>ResourceNotFoundException</c>) from an error.</param>
    /// <param name="timeProvider">Clock for signing and backoff; tests inject one that needs no real waiting.</param>
    /// <param name="random">Jitter source; <see cref="Random.Shared"/> unless a test fixes it.</param>
    /// <param name="logger">Where retries are reported; <see cref="NullLogger.Instance"/> when not given.</param>
    public AwsRequestSender(
        HttpClient httpClient,
        AwsSettings settings,
        AwsService service,
        Func<AwsErrorDetails, AwsServiceException> exceptionFactory,
        TimeProvider? timeProvider = null,
        Random? random = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(exceptionFactory);
        _httpClient = httpClient;
        _settings = settings;
        _service = service;
        _exceptionFactory = exceptionFactory;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _rateLimiter = new AwsRateLimiter(settings.RateLimits, service.SigningName, _time);
        _logger = logger ?? NullLogger.Instance;
    }

    /// <exception cref="AwsServiceException">AWS answered with an error that is final or outlived the retries.</exception>
    /// <exception cref="AwsOutcomeUnknownException">A non-idempotent call may have taken effect; read before retrying.</exception>
    /// <exception cref="AwsTransportException">AWS could not be reached within the retry bounds.</exception>
    /// <exception cref="AwsConfigurationException">The credentials could not be obtained.</exception>
    public async Task<AwsResponse> SendAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var retry = _settings.Retry;
        var started = _time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Outcome outcome;
            using (await _rateLimiter.AcquireAsync(request.Operation, cancellationToken))
            {
                outcome = await AttemptAsync(request, cancellationToken);
            }

            if (outcome.Response is { } response)
            {
                return response;
            }

            var failure = Classify(request, outcome);
            if (failure.Final is { } final)
            {
                throw final;
            }

            if (!retry.TryDelay(attempt, _time.GetUtcNow() - started, out var delay, _random, failure.RetryAfter))
            {
                throw failure.WhenExhausted(attempt);
            }

            if (failure.Throttled)
            {
                LogThrottled(_service.Name, request.Operation, delay, attempt + 1, retry.MaxAttempts);
            }
            else
            {
                LogRetry(_service.Name, request.Operation, failure.Reason, delay, attempt + 1, retry.MaxAttempts);
            }

            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private Failure Classify(AwsRequest request, Outcome outcome)
    {
        if (outcome.Error is { } error)
        {
            var exception = _exceptionFactory(error);
            var throttled = (int)error.StatusCode == 429 || ThrottlingCodes.Contains(error.Code);
            if (throttled)
            {
                // A throttled call was refused before it did anything, so even a create may be repeated.
                return new Failure(null, error.RetryAfter, _ => exception) { Throttled = true };
            }

            if ((int)error.StatusCode < 500)
            {
                return new Failure(exception, null, _ => exception);
            }

            return request.IsIdempotent
                ? new Failure(null, error.RetryAfter, _ => exception) { Reason = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)error.StatusCode} {error.Code}") }
                : new Failure(OutcomeUnknown(request, $"AWS answered HTTP {(int)error.StatusCode} {error.Code}", exception), null, _ => exception);
        }

        var transport = outcome.TransportFailure!;
        if (outcome.MayHaveReachedServer && !request.IsIdempotent)
        {
            return new Failure(OutcomeUnknown(request, outcome.Reason, transport), null, _ => transport);
        }

        return new Failure(null, null, attempts => new AwsTransportException(
            request.Operation,
            string.Create(CultureInfo.InvariantCulture, $"{request.Operation} to {_service.Name} failed after {attempts} attempt(s): {outcome.Reason}."),
            transport)) { Reason = outcome.Reason };
    }

    private static AwsOutcomeUnknownException OutcomeUnknown(AwsRequest request, string reason, Exception inner) =>
        new(request.Operation, $"{request.Operation} may or may not have taken effect ({reason}); it is not repeated blindly. Read the current state before trying again.", inner);

    private async Task<Outcome> AttemptAsync(AwsRequest request, CancellationToken cancellationToken)
    {
        var credentials = await GetCredentialsAsync();
        using var message = BuildMessage(request, credentials);
        try
        {
            using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new Outcome { Response = new AwsResponse(response.StatusCode, body, RequestId(response.Headers)) };
            }

            var error = AwsErrorParser.Parse(response.StatusCode, response.Headers, body, _time.GetUtcNow());
            return new Outcome { Error = error with { Message = Redact(error.Message, credentials) } };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            return Outcome.Transport(e, mayHaveReachedServer: true, "no answer before the HTTP timeout");
        }
        catch (HttpRequestException e)
        {
            var beforeSending = e.HttpRequestError is HttpRequestError.NameResolutionError
                or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
            return Outcome.Transport(e, !beforeSending, e.Message);
        }
        catch (IOException e)
        {
            return Outcome.Transport(e, mayHaveReachedServer: true, e.Message);
        }
    }

    /// <summary>
    /// An error message is text from outside that hosts print, annotate and put in summaries: a proxy or service that
    /// echoes the request's secret key or session token back must not get them into a build log.
    /// </summary>
    private static string Redact(string message, ImmutableCredentials credentials)
    {
        foreach (var secret in new[] { credentials.SecretKey, credentials.Token })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                message = message.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }

    private HttpRequestMessage BuildMessage(AwsRequest request, ImmutableCredentials credentials)
    {
        var endpoint = _settings.GetEndpoint(_service);
        var pathResources = request.PathLabels.ToDictionary(p => "{" + p.Key + "}", p => p.Value, StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (request.ContentType is { } contentType)
        {
            headers["Content-Type"] = contentType;
        }

        var body = request.Body ?? [];
        SigV4Signer.Sign(
            request.Method, endpoint, request.ResourcePath, pathResources, request.Query, headers, body,
            credentials, _settings.Region, _service.SigningName, _time.GetUtcNow().UtcDateTime);

        var path = SigV4Signer.ResolvePath(endpoint, request.ResourcePath, pathResources);
        var query = request.Query.Count == 0 ? string.Empty : "?" + SigV4Signer.FormatQuery(request.Query);
        var message = new HttpRequestMessage(request.Method, new Uri(endpoint.GetLeftPart(UriPartial.Authority) + path + query));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else if (!name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                // HttpClient derives Host from the URI, which is what was signed.
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.UserAgent.Add(UserAgent);
        return message;
    }

    private async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            // Refreshing credentials (web identity, container, instance metadata) happens here, inside the SDK.
            return await _settings.Credentials.GetCredentialsAsync();
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException)
        {
            throw new AwsConfigurationException("Could not obtain AWS credentials: " + e.Message, e);
        }
    }

    private static string? RequestId(HttpResponseHeaders headers) =>
        headers.TryGetValues("x-amzn-RequestId", out var values) || headers.TryGetValues("x-amz-request-id", out values)
            ? values.FirstOrDefault()
            : null;

    private sealed record Outcome
    {
        public AwsResponse? Response { get; init; }

        public AwsErrorDetails? Error { get; init; }

        public Exception? TransportFailure { get; init; }

        public bool MayHaveReachedServer { get; init; }

        public string Reason { get; init; } = string.Empty;

        public static Outcome Transport(Exception e, bool mayHaveReachedServer, string reason) =>
            new() { TransportFailure = e, MayHaveReachedServer = mayHaveReachedServer, Reason = reason };
    }

    /// <param name="Final">Thrown at once, without retry.</param>
    /// <param name="WhenExhausted">Thrown when no attempt is left, given the number of attempts made.</param>
    private sealed record Failure(Exception? Final, TimeSpan? RetryAfter, Func<int, Exception> WhenExhausted)
    {
        /// <summary>AWS refused the call for its rate (429 or a throttling code).</summary>
        public bool Throttled { get; init; }

        /// <summary>Why a retryable call failed, for the log.</summary>
        public string Reason { get; init; } = string.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Throttled by {Service} {Operation}; retrying in {Delay} (attempt {Attempt} of {Max})")]
    private partial void LogThrottled(string service, string operation, TimeSpan delay, int attempt, int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Operation} failed ({Reason}); retrying in {Delay} (attempt {Attempt} of {Max})")]
    private partial void LogRetry(string service, string operation, string reason, TimeSpan delay, int attempt, int max);
}
