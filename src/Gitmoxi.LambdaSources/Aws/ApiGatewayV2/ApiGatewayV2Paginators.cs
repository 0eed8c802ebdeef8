using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>
/// All-pages helpers following <c>nextToken</c>. The official SDK has no paginators for these operations (they
/// are not in the botocore paginator model for every release), so these are named after the operations.
/// Each page gets its own request (from the token), so the caller's object is never changed.
/// </summary>
internal sealed class ApiGatewayV2PaginatorFactory(IAmazonApiGatewayV2 client)
{
    public IAsyncEnumerable<Route> GetRoutes(GetRoutesRequest request) => AwsPaging.AllAsync(
        async (token, ct) =>
        {
            var page = await client.GetRoutesAsync(new() { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
            return (page.Items, page.NextToken);
        },
        request?.NextToken);

    public IAsyncEnumerable<Integration> GetIntegrations(GetIntegrationsRequest request) => AwsPaging.AllAsync(
        async (token, ct) =>
        {
            var page = await client.GetIntegrationsAsync(new() { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
            return (page.Items, page.NextToken);
        },
        request?.NextToken);

    public IAsyncEnumerable<Stage> GetStages(GetStagesRequest request) => AwsPaging.AllAsync(
        async (token, ct) =>
        {
            var page = await client.GetStagesAsync(new() { ApiId = request.ApiId, MaxResults = request.MaxResults, NextToken = token }, ct);
            return (page.Items, page.NextToken);
        },
        request?.NextToken);
}
