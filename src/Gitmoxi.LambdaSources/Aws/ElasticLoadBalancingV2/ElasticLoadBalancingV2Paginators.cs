using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;

/// <param name="TargetGroups">Every group of every page, following <c>NextMarker</c> until AWS returns none.</param>
internal sealed record DescribeTargetGroupsPaginator(IAsyncEnumerable<TargetGroup> TargetGroups);

/// <summary>All-pages helpers, shaped like AWSSDK.ElasticLoadBalancingV2's <c>client.Paginators</c>.</summary>
internal sealed class ElasticLoadBalancingV2PaginatorFactory(IAmazonElasticLoadBalancingV2 client)
{
    public DescribeTargetGroupsPaginator DescribeTargetGroups(DescribeTargetGroupsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DescribeTargetGroupsPaginator(AwsPaging.AllAsync(
            async (marker, ct) =>
            {
                var page = await client.DescribeTargetGroupsAsync(
                    new DescribeTargetGroupsRequest
                    {
                        LoadBalancerArn = request.LoadBalancerArn,
                        TargetGroupArns = request.TargetGroupArns,
                        Names = request.Names,
                        PageSize = request.PageSize,
                        Marker = marker,
                    },
                    ct);
                return (page.TargetGroups, page.NextMarker);
            },
            request.Marker));
    }
}
