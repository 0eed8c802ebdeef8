using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Aws.Lambda;

/// <param name="EventSourceMappings">Every mapping of every page, following <c>NextMarker</c> until AWS returns none.</param>
internal sealed record ListEventSourceMappingsPaginator(IAsyncEnumerable<EventSourceMappingConfiguration> EventSourceMappings);

/// <summary>All-pages helpers, shaped like AWSSDK.Lambda's <c>client.Paginators</c>.</summary>
internal sealed class LambdaPaginatorFactory(IAmazonLambda client)
{
    /// <summary>The API's largest page, so listing takes as few calls as possible.</summary>
    internal const int MaxPageSize = 10000;

    public ListEventSourceMappingsPaginator ListEventSourceMappings(ListEventSourceMappingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Each page gets its own request, so the caller's object is never changed.
        return new ListEventSourceMappingsPaginator(AwsPaging.AllAsync(
            async (marker, ct) =>
            {
                var page = await client.ListEventSourceMappingsAsync(
                    new ListEventSourceMappingsRequest
                    {
                        EventSourceArn = request.EventSourceArn,
                        FunctionName = request.FunctionName,
                        MaxItems = request.MaxItems ?? MaxPageSize,
                        Marker = marker,
                    },
                    ct);
                return (page.EventSourceMappings, page.NextMarker);
            },
            request.Marker));
    }
}
