using System.Runtime.CompilerServices;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>
/// All-pages helpers following <c>nextToken</c>. The official SDK has no paginators for these operations (they
/// are not in the botocore paginator model for every release), so these are named after the operations.
/// </summary>
public interface IApiGatewayV2PaginatorFactory
{
    IAsyncEnumerable<Route> GetRoutes(GetRoutesRequest request);

    IAsyncEnumerable<Integration> GetIntegrations(GetIntegrationsRequest request);

    IAsyncEnumerable<Stage> GetStages(GetStagesRequest request);
}

internal sealed class ApiGatewayV2PaginatorFactory(IAmazonApiGatewayV2 client) : IApiGatewayV2PaginatorFactory
{
    public IAsyncEnumerable<Route> GetRoutes(GetRoutesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AllAsync(
            async (token, ct) =>
            {
                var page = await client.GetRoutesAsync(new GetRoutesRequest { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
                return (page.Items, page.NextToken);
            },
            request.NextToken);
    }

    public IAsyncEnumerable<Integration> GetIntegrations(GetIntegrationsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AllAsync(
            async (token, ct) =>
            {
                var page = await client.GetIntegrationsAsync(new GetIntegrationsRequest { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
                return (page.Items, page.NextToken);
            },
            request.NextToken);
    }

    public IAsyncEnumerable<Stage> GetStages(GetStagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AllAsync(
            async (token, ct) =>
            {
                var page = await client.GetStagesAsync(new GetStagesRequest { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
                return (page.Items, page.NextToken);
            },
            request.NextToken);
    }

    private static async IAsyncEnumerable<T> AllAsync<T>(
        Func<string?, CancellationToken, Task<(List<T>? Items, string? NextToken)>> fetch,
        string? token,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        do
        {
            var (items, next) = await fetch(token, cancellationToken);
            foreach (var item in items ?? [])
            {
                yield return item;
            }

            token = next;
        }
        while (!string.IsNullOrEmpty(token));
    }
}
