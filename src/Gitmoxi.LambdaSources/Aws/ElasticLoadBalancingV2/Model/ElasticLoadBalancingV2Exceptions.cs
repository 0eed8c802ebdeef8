namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

// ELBv2 error codes the engine handles (Query protocol codes have no Exception suffix); any other error is an
// AwsServiceException with its code.

/// <summary><c>TargetGroupNotFound</c>: no target group has that ARN (in this account and region).</summary>
internal sealed class TargetGroupNotFoundException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary><c>InvalidTarget</c>: the target is not registered, or cannot be registered with this group.</summary>
internal sealed class InvalidTargetException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary><c>AccessDenied</c>: for a Lambda target, Elastic Load Balancing may not invoke the function (yet).</summary>
internal sealed class AccessDeniedException(AwsErrorDetails error) : AwsServiceException(error);
