using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.Support;

/// <summary>A tiny HTTP server on 127.0.0.1 that answers with a test's handler and records every request.</summary>
internal sealed class LoopbackServer : IDisposable
{
    public sealed record Request(string Method, string PathAndQuery, string? Authorization, string? UserAgent, string Body);

    public sealed record Response(int Status, string Body, string ContentType = "application/json");

    private readonly HttpListener _listener;
    private readonly Func<Request, Response> _handler;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly Task _loop;

    public LoopbackServer(Func<Request, Response> handler)
    {
        _handler = handler;
        (_listener, BaseUrl) = LoopbackListener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public IReadOnlyList<Request> Requests => [.. _requests];

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new Request(
                context.Request.HttpMethod,
                context.Request.RawUrl ?? "",
                context.Request.Headers["Authorization"],
                context.Request.Headers["User-Agent"],
                await reader.ReadToEndAsync());
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
}
