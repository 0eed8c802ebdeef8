using System.Runtime.CompilerServices;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;

/// <summary>All-pages helpers, shaped like AWSSDK.ElasticLoadBalancingV2's <c>client.Paginators</c>.</summary>
public interface IElasticLoadBalancingV2PaginatorFactory
{
    IDescribeTargetGroupsPaginator DescribeTargetGroups(DescribeTargetGroupsRequest request);
}

public interface IDescribeTargetGroupsPaginator
{
    /// <summary>Each page, following <c>NextMarker</c> until AWS returns none.</summary>
    IAsyncEnumerable<DescribeTargetGroupsResponse> Responses { get; }

    IAsyncEnumerable<TargetGroup> TargetGroups { get; }
}

internal sealed class ElasticLoadBalancingV2PaginatorFactory(IAmazonElasticLoadBalancingV2 client) : IElasticLoadBalancingV2PaginatorFactory
{
    public IDescribeTargetGroupsPaginator DescribeTargetGroups(DescribeTargetGroupsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new DescribeTargetGroupsPaginator(client, request);
    }
}

internal sealed class DescribeTargetGroupsPaginator(IAmazonElasticLoadBalancingV2 client, DescribeTargetGroupsRequest request)
    : IDescribeTargetGroupsPaginator
{
    public IAsyncEnumerable<DescribeTargetGroupsResponse> Responses => PagesAsync();

    public IAsyncEnumerable<TargetGroup> TargetGroups => GroupsAsync();

    private async IAsyncEnumerable<DescribeTargetGroupsResponse> PagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var marker = request.Marker;
        do
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
                cancellationToken);
            yield return page;
            marker = page.NextMarker;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    private async IAsyncEnumerable<TargetGroup> GroupsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(cancellationToken))
        {
            foreach (var group in page.TargetGroups ?? [])
            {
                yield return group;
            }
        }
    }
}
