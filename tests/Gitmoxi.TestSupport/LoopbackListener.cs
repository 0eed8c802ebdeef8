using System.Net;
using System.Net.Sockets;

namespace Gitmoxi.TestSupport;

/// <summary>
/// A small HTTP server on a free 127.0.0.1 port that hands each request to <c>handle</c>, for fakes of AWS or
/// GitHub endpoints. <see cref="HttpListener"/> cannot bind port 0 and report the port it got (the emulator
/// launcher does exactly that), so a free port is chosen first; another process can take it before the
/// listener binds it, and then this starts over on another port instead of failing the test.
/// </summary>
public sealed class LoopbackListener : IDisposable
{
    private const int Attempts = 10;

    private readonly HttpListener listener;
    private readonly Func<HttpListenerContext, Task> handle;
    private readonly Task loop;

    public LoopbackListener(Func<HttpListenerContext, Task> handle)
    {
        this.handle = handle;
        (listener, BaseUrl) = Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT/</c></summary>
    public string BaseUrl { get; }

    public void Dispose()
    {
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private static (HttpListener Listener, string BaseUrl) Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var baseUrl = $"http://127.0.0.1:{FreePort()}/";
            var candidate = new HttpListener();
            candidate.Prefixes.Add(baseUrl);
            try
            {
                candidate.Start();
                return (candidate, baseUrl);
            }
            catch (HttpListenerException) when (attempt < Attempts)
            {
                // Taken between the choice and the bind: try another port.
                candidate.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await handle(context);
        }
    }
}
