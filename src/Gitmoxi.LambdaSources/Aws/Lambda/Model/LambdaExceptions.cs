namespace Gitmoxi.LambdaSources.Aws.Lambda.Model;

public sealed class ResourceNotFoundException(AwsErrorDetails error) : AmazonLambdaException(error);

/// <summary>The resource exists already, or an operation on it is in progress.</summary>
public sealed class ResourceConflictException(AwsErrorDetails error) : AmazonLambdaException(error);

/// <summary>The mapping is being changed; retry later.</summary>
public sealed class ResourceInUseException(AwsErrorDetails error) : AmazonLambdaException(error);

/// <summary>Throttled; the request path already retried it within its bounds.</summary>
public sealed class TooManyRequestsException(AwsErrorDetails error) : AmazonLambdaException(error)
{
    public TimeSpan? RetryAfter => Error.RetryAfter;
}

public sealed class InvalidParameterValueException(AwsErrorDetails error) : AmazonLambdaException(error);

public sealed class PolicyLengthExceededException(AwsErrorDetails error) : AmazonLambdaException(error);

/// <summary>The <c>RevisionId</c> sent does not match the current one.</summary>
public sealed class PreconditionFailedException(AwsErrorDetails error) : AmazonLambdaException(error);

/// <summary>Lambda's internal error (HTTP 500).</summary>
public sealed class ServiceException(AwsErrorDetails error) : AmazonLambdaException(error);
