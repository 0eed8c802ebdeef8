namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

/// <summary><c>TargetGroupNotFound</c>: no target group has that ARN (in this account and region).</summary>
public sealed class TargetGroupNotFoundException(AwsErrorDetails error) : AmazonElasticLoadBalancingV2Exception(error);

/// <summary><c>InvalidTarget</c>: the target is not registered, or cannot be registered with this group.</summary>
public sealed class InvalidTargetException(AwsErrorDetails error) : AmazonElasticLoadBalancingV2Exception(error);

/// <summary><c>TooManyTargets</c>: a Lambda target group takes one function.</summary>
public sealed class TooManyTargetsException(AwsErrorDetails error) : AmazonElasticLoadBalancingV2Exception(error);

/// <summary><c>TooManyRegistrationsForTargetId</c>.</summary>
public sealed class TooManyRegistrationsForTargetIdException(AwsErrorDetails error) : AmazonElasticLoadBalancingV2Exception(error);

/// <summary><c>AccessDenied</c>: for a Lambda target, Elastic Load Balancing may not invoke the function (yet).</summary>
public sealed class AccessDeniedException(AwsErrorDetails error) : AmazonElasticLoadBalancingV2Exception(error);
