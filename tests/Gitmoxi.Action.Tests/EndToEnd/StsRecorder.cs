using System.Text;
using System.Text.RegularExpressions;
using Gitmoxi.Action.Tests.Support;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// Sits between the Action and the emulator's STS and keeps each answer, so a test knows the keys and session
/// token moto generated and can look for them in everything the step wrote.
/// </summary>
internal sealed partial class StsRecorder : IDisposable
{
    private readonly HttpClient http;
    private readonly LoopbackServer server;
    private readonly List<string> answers = [];

    public StsRecorder(Uri emulator)
    {
        http = new HttpClient { BaseAddress = emulator, Timeout = TimeSpan.FromSeconds(30) };
        server = new LoopbackServer(Forward);
    }

    public string Endpoint => server.BaseUrl;

    public int Calls => server.Requests.Count;

    /// <summary>AccessKeyId, SecretAccessKey and SessionToken of every answer.</summary>
    public IReadOnlyList<string> Secrets
    {
        get
        {
            lock (answers)
            {
                return [.. answers.SelectMany(a => SecretPattern().Matches(a).Select(m => m.Groups[1].Value))];
            }
        }
    }

    private LoopbackServer.Response Forward(LoopbackServer.Request request)
    {
        using var content = new StringContent(request.Body, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        using var response = http.Send(message);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        var body = reader.ReadToEnd();
        lock (answers)
        {
            answers.Add(body);
        }

        return new((int)response.StatusCode, body, "text/xml");
    }

    [GeneratedRegex("<(?:AccessKeyId|SecretAccessKey|SessionToken)>([^<]+)</")]
    private static partial Regex SecretPattern();

    public void Dispose()
    {
        server.Dispose();
        http.Dispose();
    }
}
