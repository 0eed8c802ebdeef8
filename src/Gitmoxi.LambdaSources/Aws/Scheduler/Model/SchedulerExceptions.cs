namespace Gitmoxi.LambdaSources.Aws.Scheduler.Model;

// The EventBridge Scheduler error codes the engine handles; any other error is an AwsServiceException with its code.

internal sealed class ResourceNotFoundException(AwsErrorDetails error) : AwsServiceException(error);

internal sealed class ConflictException(AwsErrorDetails error) : AwsServiceException(error);
