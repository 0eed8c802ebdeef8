namespace Gitmoxi.LambdaSources.Aws.EventBridge.Model;

// The EventBridge error codes the engine handles; any other error is an AwsServiceException with its code.

/// <summary><c>ResourceNotFoundException</c>: no such rule, or no such event bus.</summary>
internal sealed class ResourceNotFoundException(AwsErrorDetails error) : AwsServiceException(error);
