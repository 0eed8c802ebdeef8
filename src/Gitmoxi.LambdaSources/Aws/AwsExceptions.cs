using System.Net;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Base of every failure the AWS access layer reports, so hosts can catch one type. An expected failure like any
/// other: a host that gets one reports it under <see cref="DiagnosticCodes.AwsUnavailable"/> (configuration problems
/// under <see cref="DiagnosticCodes.AwsConfiguration"/>).
/// </summary>
internal abstract class AwsException : GitmoxiException
{
    protected AwsException(string message, Exception? innerException = null)
        : base(DiagnosticCodes.AwsUnavailable, message, innerException)
    {
    }

    protected AwsException(string code, string message, Exception? innerException)
        : base(code, message, innerException)
    {
    }

    /// <summary>One line for a plan or apply report: the AWS error code (when AWS answered) and the message.</summary>
    public virtual string Describe() => Message;
}

/// <summary>Region, credentials or endpoint settings are missing or unusable; nothing was sent.</summary>
internal sealed class AwsConfigurationException(string message, Exception? innerException = null)
    : AwsException(DiagnosticCodes.AwsConfiguration, message, innerException);

/// <summary>What AWS said about a failed call, parsed from the response.</summary>
/// <param name="Code">AWS error code, e.g. <c>ResourceNotFoundException</c>; <c>Http{status}</c> when the body named none.</param>
/// <param name="RetryAfter">Delay the service asked for (<c>Retry-After</c> or <c>retryAfterSeconds</c>).</param>
internal sealed record AwsErrorDetails(
    string Code,
    string Message,
    HttpStatusCode StatusCode,
    string? RequestId,
    TimeSpan? RetryAfter = null);

/// <summary>
/// AWS answered with an error. The codes the engine handles get typed exceptions named like the official SDK's
/// (<see cref="Factory"/>); every other code is this type, with <see cref="ErrorCode"/> telling which.
/// </summary>
internal class AwsServiceException(AwsErrorDetails error) : AwsException(error.Message)
{
    /// <summary>Builds a service's exceptions: the typed one registered for the error's code, else <see cref="AwsServiceException"/>.</summary>
    public static Func<AwsErrorDetails, AwsServiceException> Factory(params (string Code, Func<AwsErrorDetails, AwsServiceException> Create)[] typed)
    {
        var byCode = typed.ToDictionary(t => t.Code, t => t.Create, StringComparer.Ordinal);
        return error => byCode.TryGetValue(error.Code, out var create) ? create(error) : new AwsServiceException(error);
    }

    public AwsErrorDetails Error { get; } = error;

    public string ErrorCode => Error.Code;

    public HttpStatusCode StatusCode => Error.StatusCode;

    public string? RequestId => Error.RequestId;

    public override string Describe() => $"{ErrorCode}: {Message}";

    public override string ToString() =>
        $"{GetType().FullName}: {ErrorCode} (HTTP {(int)StatusCode}, request id {RequestId ?? "none"}): {Message}{Environment.NewLine}{StackTrace}";
}

/// <summary>No answer came back from AWS (network failure or timeout) and every allowed attempt was used.</summary>
internal class AwsTransportException(string operation, string message, Exception? innerException)
    : AwsException(message, innerException)
{
    public string Operation { get; } = operation;
}

/// <summary>
/// A call that is not safe to repeat may have reached AWS, but no answer tells whether it took effect
/// (timeout, dropped connection, or a server error). It is never retried blindly: read the live state to
/// find out what happened.
/// </summary>
internal sealed class AwsOutcomeUnknownException(string operation, string message, Exception innerException)
    : AwsTransportException(operation, message, innerException);

/// <summary>AWS answered with success, but the body is not what the API defines; whether the call took effect is known (it did).</summary>
internal sealed class AwsUnexpectedResponseException(string operation, string message, Exception innerException)
    : AwsException(message, innerException)
{
    public string Operation { get; } = operation;
}
