using System.Net.Http.Headers;
using System.Text;
using Gitmoxi.Action.Tests.Support;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// An AWS endpoint on loopback that forwards every request to the emulator unless <c>intercept</c> answers it: for
/// error answers the emulator cannot give, such as an error body that echoes a secret back.
/// </summary>
internal sealed class AwsProxy : IDisposable
{
    private static readonly HashSet<string> UnrelayedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Type", "Content-Length", "Connection", "Expect", "Transfer-Encoding",
    };

    private readonly HttpClient http;
    private readonly LoopbackServer server;
    private readonly Func<LoopbackServer.Request, LoopbackServer.Response?> intercept;

    public AwsProxy(Uri emulator, Func<LoopbackServer.Request, LoopbackServer.Response?> intercept)
    {
        this.intercept = intercept;
        http = new HttpClient { BaseAddress = emulator, Timeout = TimeSpan.FromSeconds(30) };
        server = new LoopbackServer(Handle);
    }

    public string Endpoint => server.BaseUrl;

    public int Intercepted { get; private set; }

    private LoopbackServer.Response Handle(LoopbackServer.Request request)
    {
        if (intercept(request) is { } answer)
        {
            Intercepted++;
            return answer;
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery.TrimStart('/'));
        if (request.Method is "POST" or "PUT" or "PATCH")
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = request.Headers.TryGetValue("Content-Type", out var type)
                ? MediaTypeHeaderValue.Parse(type)
                : new MediaTypeHeaderValue("application/json");
        }

        // Relayed as signed (Host, X-Amz-Date, Authorization…), so the emulator's botocore oracle checks the Action's request.
        foreach (var (name, value) in request.Headers.Where(h => !UnrelayedHeaders.Contains(h.Key)))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.Host = request.Headers.GetValueOrDefault("Host");
        using var response = http.Send(message);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return new((int)response.StatusCode, reader.ReadToEnd(), response.Content.Headers.ContentType?.MediaType ?? "application/json");
    }

    public void Dispose()
    {
        server.Dispose();
        http.Dispose();
    }
}
