using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;

/// <summary>
/// The Elastic Load Balancing v2 operations the engine uses, named and shaped like AWSSDK.ElasticLoadBalancingV2's
/// <c>IAmazonElasticLoadBalancingV2</c> so the official package can replace this client.
/// </summary>
internal interface IAmazonElasticLoadBalancingV2
{
    ElasticLoadBalancingV2PaginatorFactory Paginators { get; }

    Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken = default);

    Task<RegisterTargetsResponse> RegisterTargetsAsync(RegisterTargetsRequest request, CancellationToken cancellationToken = default);

    Task<DeregisterTargetsResponse> DeregisterTargetsAsync(DeregisterTargetsRequest request, CancellationToken cancellationToken = default);
}
