namespace Gitmoxi.LambdaSources.Providers;

/// <summary>A paged AWS list read to its end before the caller looks at it.</summary>
internal static class PagedList
{
    /// <param name="fetch">One page from a next-page token (null for the first).</param>
    /// <param name="items">A page's items and the next token.</param>
    public static Task<List<T>> ReadAsync<TPage, T>(
        Func<string?, CancellationToken, Task<TPage>> fetch, Func<TPage, (List<T>? Items, string? Next)> items, CancellationToken cancellationToken) =>
        ReadAsync(async (token, ct) => items(await fetch(token, ct)), cancellationToken);

    /// <summary>The list of what one resource holds (a topic's subscriptions, a log group's filters); null when the resource does not exist.</summary>
    /// <param name="isMissing">Whether the service's error says the resource does not exist.</param>
    public static async Task<List<T>?> ReadIfExistsAsync<TPage, T>(
        Func<string?, CancellationToken, Task<TPage>> fetch,
        Func<TPage, (List<T>? Items, string? Next)> items,
        Func<AwsServiceException, bool> isMissing,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAsync(fetch, items, cancellationToken);
        }
        catch (AwsServiceException e) when (isMissing(e))
        {
            return null;
        }
    }

    /// <param name="page">One page from a next-page token (null for the first): its items and the next token.</param>
    public static Task<List<T>> ReadAsync<T>(Func<string?, CancellationToken, Task<(List<T>? Items, string? Next)>> page, CancellationToken cancellationToken) =>
        ReadAsync(AwsPaging.AllAsync(page, null, cancellationToken), cancellationToken);

    /// <summary>Every item of every page.</summary>
    public static async Task<List<T>> ReadAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            all.Add(item);
        }

        return all;
    }
}
