using System.Runtime.CompilerServices;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>Every item of every page of a paged AWS list, following the service's next-page token until it returns none.</summary>
internal static class AwsPaging
{
    /// <param name="fetch">One page from a token (null for the first): its items and the next token.</param>
    /// <param name="token">Where to start (the caller's own marker), usually null.</param>
    public static async IAsyncEnumerable<T> AllAsync<T>(
        Func<string?, CancellationToken, Task<(List<T>? Items, string? Next)>> fetch,
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
