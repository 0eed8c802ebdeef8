namespace Gitmoxi.LambdaSources.Aws.SimpleNotificationService.Model;

// The SNS error codes the engine handles (Query protocol codes have no Exception suffix); any other error is an
// AwsServiceException with its code.

/// <summary><c>NotFound</c>: the topic or subscription does not exist.</summary>
internal sealed class NotFoundException(AwsErrorDetails error) : AwsServiceException(error);
