namespace Gitmoxi.LambdaSources.Aws.CloudWatchLogs.Model;

// The CloudWatch Logs error codes the engine handles; any other error is an AwsServiceException with its code.

/// <summary><c>ResourceNotFoundException</c>: no such log group or filter.</summary>
internal sealed class ResourceNotFoundException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary><c>InvalidParameterException</c>: for a Lambda destination, also CloudWatch Logs may not invoke the function (yet).</summary>
internal sealed class InvalidParameterException(AwsErrorDetails error) : AwsServiceException(error);
