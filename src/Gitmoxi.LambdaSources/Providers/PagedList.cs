namespace Gitmoxi.LambdaSources.Providers;

/// <summary>A paged AWS list read to its end before the caller looks at it.</summary>
internal static class PagedList
{
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
