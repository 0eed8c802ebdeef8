using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;

/// <summary>An error answer from Elastic Load Balancing v2 (Query protocol error codes, which have no <c>Exception</c> suffix).</summary>
public class AmazonElasticLoadBalancingV2Exception(AwsErrorDetails error) : AwsServiceException(error)
{
    public static AmazonElasticLoadBalancingV2Exception Create(AwsErrorDetails error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            "TargetGroupNotFound" => new TargetGroupNotFoundException(error),
            "InvalidTarget" => new InvalidTargetException(error),
            "TooManyTargets" => new TooManyTargetsException(error),
            "TooManyRegistrationsForTargetId" => new TooManyRegistrationsForTargetIdException(error),
            "AccessDenied" => new AccessDeniedException(error),
            _ => new AmazonElasticLoadBalancingV2Exception(error),
        };
    }
}
