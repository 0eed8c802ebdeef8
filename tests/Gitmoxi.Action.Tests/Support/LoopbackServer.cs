using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.Support;

/// <summary>A tiny HTTP server on 127.0.0.1 that answers with a test's handler and records every request.</summary>
internal sealed class LoopbackServer : IDisposable
{
    public sealed record Request(string Method, string PathAndQuery, string? Authorization, string? UserAgent, string Body)
    {
        /// <summary>Every request header (case-insensitive), e.g. for a proxy that relays the request as signed. Not part
        /// of equality: tests compare requests by the members above.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

        public bool Equals(Request? other) =>
            other is not null && (Method, PathAndQuery, Authorization, UserAgent, Body) == (other.Method, other.PathAndQuery, other.Authorization, other.UserAgent, other.Body);

        public override int GetHashCode() => HashCode.Combine(Method, PathAndQuery, Authorization, UserAgent, Body);
    }

    public sealed record Response(int Status, string Body, string ContentType = "application/json");

    private readonly LoopbackListener _listener;
    private readonly Func<Request, Response> _handler;
    private readonly ConcurrentQueue<Request> _requests = new();

    public LoopbackServer(Func<Request, Response> handler)
    {
        _handler = handler;
        _listener = new LoopbackListener(AnswerAsync);
    }

    public string BaseUrl => _listener.BaseUrl;

    public IReadOnlyList<Request> Requests => [.. _requests];

    public void Dispose() => _listener.Dispose();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = new Request(
            context.Request.HttpMethod,
            context.Request.RawUrl ?? "",
            context.Request.Headers["Authorization"],
            context.Request.Headers["User-Agent"],
            await reader.ReadToEndAsync())
        {
            Headers = context.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(name => name, name => context.Request.Headers[name] ?? "", StringComparer.OrdinalIgnoreCase),
        };
        _requests.Enqueue(request);
        var response = _handler(request);
        var body = Encoding.UTF8.GetBytes(response.Body);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
}
