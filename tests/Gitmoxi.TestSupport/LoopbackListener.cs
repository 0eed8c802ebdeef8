using System.Net;
using System.Net.Sockets;

namespace Gitmoxi.TestSupport;

/// <summary>Starts an <see cref="HttpListener"/> on a free 127.0.0.1 port. HttpListener cannot bind port 0 and
/// report the port it got (the emulator launcher does exactly that), so a free port is chosen first; another
/// process can take it before the listener binds it, and then this starts over on another port instead of
/// failing the test.</summary>
public static class LoopbackListener
{
    private const int Attempts = 10;

    /// <summary>A started listener and its base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public static (HttpListener Listener, string BaseUrl) Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var baseUrl = $"http://127.0.0.1:{FreePort()}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(baseUrl);
            try
            {
                listener.Start();
                return (listener, baseUrl);
            }
            catch (HttpListenerException) when (attempt < Attempts)
            {
                // Taken between the choice and the bind: try another port.
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
