using System.Runtime.CompilerServices;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Aws.Lambda;

/// <summary>All-pages helpers, shaped like AWSSDK.Lambda's <c>client.Paginators</c>.</summary>
public interface ILambdaPaginatorFactory
{
    IListEventSourceMappingsPaginator ListEventSourceMappings(ListEventSourceMappingsRequest request);
}

public interface IListEventSourceMappingsPaginator
{
    /// <summary>Each page, following <c>NextMarker</c> until AWS returns none.</summary>
    IAsyncEnumerable<ListEventSourceMappingsResponse> Responses { get; }

    /// <summary>Every mapping of every page.</summary>
    IAsyncEnumerable<EventSourceMappingConfiguration> EventSourceMappings { get; }
}

internal sealed class LambdaPaginatorFactory(IAmazonLambda client) : ILambdaPaginatorFactory
{
    public IListEventSourceMappingsPaginator ListEventSourceMappings(ListEventSourceMappingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ListEventSourceMappingsPaginator(client, request);
    }
}

internal sealed class ListEventSourceMappingsPaginator(IAmazonLambda client, ListEventSourceMappingsRequest request)
    : IListEventSourceMappingsPaginator
{
    /// <summary>The API's largest page, so listing takes as few calls as possible.</summary>
    internal const int MaxPageSize = 10000;

    public IAsyncEnumerable<ListEventSourceMappingsResponse> Responses => PagesAsync();

    public IAsyncEnumerable<EventSourceMappingConfiguration> EventSourceMappings => MappingsAsync();

    private async IAsyncEnumerable<ListEventSourceMappingsResponse> PagesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var marker = request.Marker;
        do
        {
            // Each page gets its own request, so the caller's object is never changed.
            var page = await client.ListEventSourceMappingsAsync(
                new ListEventSourceMappingsRequest
                {
                    EventSourceArn = request.EventSourceArn,
                    FunctionName = request.FunctionName,
                    MaxItems = request.MaxItems ?? MaxPageSize,
                    Marker = marker,
                },
                cancellationToken);
            yield return page;
            marker = page.NextMarker;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    private async IAsyncEnumerable<EventSourceMappingConfiguration> MappingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(cancellationToken))
        {
            foreach (var mapping in page.EventSourceMappings ?? [])
            {
                yield return mapping;
            }
        }
    }
}
