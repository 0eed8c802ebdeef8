namespace Gitmoxi.LambdaSources.Aws.Lambda.Model;

// Lambda error codes the engine handles, as the SDK names them; any other error is an AwsServiceException with its code.

internal sealed class ResourceNotFoundException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary>The resource exists already, or an operation on it is in progress.</summary>
internal sealed class ResourceConflictException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary>The mapping is being changed; retry later.</summary>
internal sealed class ResourceInUseException(AwsErrorDetails error) : AwsServiceException(error);

internal sealed class PolicyLengthExceededException(AwsErrorDetails error) : AwsServiceException(error);
