using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Gitmoxi.TestSupport;

/// <summary>
/// One private AWS emulator (moto behind <c>emulator/gitmoxi_emulator.py</c>) on a free loopback port.
/// Start one per test class and reset it before each test; see README.md.
/// </summary>
public sealed class Emulator : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string AccessKeyId = "test";
    public const string SecretAccessKey = "test";

    /// <summary>Marks a deliberate probe the botocore oracle must not check (see <see cref="SendJsonAsync"/>).</summary>
    public const string UncheckedHeader = "x-gitmoxi-unchecked";

    private const string ReadyPrefix = "GITMOXI_EMULATOR_READY port=";
    private const int MotoMissingExitCode = 3;
    // moto's import takes seconds of CPU; on a loaded machine (a shared CI runner, parallel test assemblies) far more.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] WarmedServices = ["lambda", "elasticloadbalancing", "apigateway", "sts"];

    private readonly Process process;
    private readonly ProcessOutput output;
    private readonly HttpClient http;
    private readonly AwsCli cli;
    private int disposed;

    private Emulator(Process process, ProcessOutput output, int port)
    {
        this.process = process;
        this.output = output;
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        http = new HttpClient { BaseAddress = Endpoint, Timeout = TimeSpan.FromSeconds(60) };
        cli = new AwsCli(Endpoint);
        AppDomain.CurrentDomain.ProcessExit += KillOnProcessExit;
    }

    /// <summary>The endpoint for every service (moto routes on the SigV4 credential scope).</summary>
    public Uri Endpoint { get; }

    internal bool IsRunning => Volatile.Read(ref disposed) == 0 && !process.HasExited;

    /// <summary>Starts the emulator and waits until it listens with lambda, elbv2, apigateway and sts loaded.</summary>
    public static async Task<Emulator> StartAsync(CancellationToken cancellationToken)
    {
        var python = Executables.Find("python3") ?? Executables.Find("python")
            ?? throw new InvalidOperationException(MotoMissingMessage("python3 is not on PATH"));
        var script = Path.Combine(AppContext.BaseDirectory, "emulator", "gitmoxi_emulator.py");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Emulator launcher not found at {script}: reference Gitmoxi.TestSupport from the test project.");
        }

        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Answers carry the status members moto leaves out (EmulatorConfiguration.CompleteResponses), after each reset too.
        foreach (var argument in new[] { script, "--port", "0", "--watch-stdin", "--warm", string.Join(',', WarmedServices), "--complete-responses", "status" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        var output = new ProcessOutput(process, ReadyPrefix);
        try
        {
            var port = await output.WaitForReadyAsync(StartTimeout, cancellationToken);
            return new Emulator(process, output, port);
        }
        catch (EmulatorExitedException exited)
        {
            var message = exited.ExitCode == MotoMissingExitCode
                ? MotoMissingMessage(exited.StandardError)
                : $"The emulator exited with code {exited.ExitCode} before it was ready. stderr:\n{exited.StandardError}";
            process.Dispose();
            throw new InvalidOperationException(message);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new TimeoutException($"The emulator did not answer within {StartTimeout.TotalSeconds} s. stderr:\n{output.StandardError}");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Wipes every moto service, every mapping, the request and fault counts and the configuration
    /// (no faults, no profile).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken) =>
        await PostControlAsync("reset", content: null, cancellationToken);

    /// <summary>Zeroes the request and fault counts only, e.g. after a test has arranged its world.</summary>
    public async Task ResetRequestCountsAsync(CancellationToken cancellationToken) =>
        await PostControlAsync("requests/reset", content: null, cancellationToken);

    public async Task<RequestCounts> GetRequestCountsAsync(CancellationToken cancellationToken)
    {
        var json = await http.GetStringAsync(new Uri("/_gitmoxi/requests", UriKind.Relative), cancellationToken);
        return RequestCounts.Parse(JsonNode.Parse(json)!.AsObject());
    }

    /// <summary>The botocore oracle's checks since the last reset (each test starts with none).</summary>
    public async Task<OracleReport> GetOracleReportAsync(CancellationToken cancellationToken)
    {
        var json = await http.GetStringAsync(new Uri("/_gitmoxi/oracle", UriKind.Relative), cancellationToken);
        return OracleReport.Parse(JsonNode.Parse(json)!.AsObject());
    }

    /// <summary>Tells the oracle the secret of an access key a test signs with (besides <see cref="AccessKeyId"/> and
    /// keys moto's STS issued, which it knows), so it can recompute those signatures.</summary>
    public async Task AddOracleCredentialsAsync(string accessKeyId, string secretAccessKey, CancellationToken cancellationToken) =>
        await PostControlAsync("oracle/credentials", new JsonObject { ["accessKeyId"] = accessKeyId, ["secretAccessKey"] = secretAccessKey }, cancellationToken);

    public async Task ConfigureAsync(EmulatorConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var body = new JsonObject
        {
            ["corrections"] = configuration.Corrections,
            ["completeResponses"] = configuration.CompleteResponses switch
            {
                ResponseCompletion.AllMembers => "all",
                ResponseCompletion.StatusMembers => "status",
                _ => false,
            },
            ["stateTransitionSeconds"] = configuration.StateTransitionDelay.TotalSeconds,
            ["permissionWriteRace"] = configuration.PermissionWriteRace,
            ["faults"] = configuration.Faults?.ToJson(),
            ["profile"] = configuration.Profile,
            ["latencyMs"] = configuration.ProfileLatency.TotalMilliseconds,
        };
        await PostControlAsync("config", body, cancellationToken);
    }

    /// <summary>Creates the default world: role, function <c>orders</c> (versions 1 and 2, aliases live → 1 and
    /// beta → 2), queues <c>orders-queue</c> and <c>orders-queue.fifo</c>, stream <c>orders-stream</c>, table
    /// <c>orders-table</c> with a stream.</summary>
    public Task<SeededWorld> SeedAsync(CancellationToken cancellationToken) => SeedAsync(new JsonObject(), cancellationToken);

    /// <summary>Creates a world; each key of <paramref name="world"/> (<c>functions</c>, <c>queues</c>, <c>streams</c>,
    /// <c>tables</c>, <c>roleName</c>) replaces the default for that key, and <c>targetGroups</c> and <c>httpApis</c>
    /// (empty by default) add push sources, e.g.
    /// <c>{"targetGroups":[{"name":"orders-tg"},{"name":"web","targetType":"instance","account":"222233334444"}],
    /// "httpApis":[{"name":"shop","routes":["GET /orders",{"routeKey":"ANY /items","integrationUri":"arn:…:function:orders:${stageVariables.lambdaAlias}"}],
    /// "stages":{"prod":{"lambdaAlias":"live"}}}]}</c>. Seeding calls are not counted.</summary>
    public async Task<SeededWorld> SeedAsync(JsonObject world, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(world);
        var result = await PostControlAsync("seed", world, cancellationToken);
        return SeededWorld.Parse(result.AsObject());
    }

    /// <summary>Runs the AWS CLI against this emulator as an independent observer and returns its JSON output
    /// (null when the command prints nothing); throws <see cref="AwsCliException"/> when it fails.</summary>
    public async Task<JsonNode?> AwsCliAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await cli.RunAsync(arguments, cancellationToken);
        return result.Succeeded ? result.Output : throw new AwsCliException(arguments, result);
    }

    /// <summary>Runs the AWS CLI and returns the outcome, failed or not, for tests that expect an AWS error.</summary>
    public Task<AwsCliResult> RunAwsCliAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        cli.RunAsync(arguments, cancellationToken);

    /// <summary>Sends one REST-JSON request (Lambda, API Gateway V2) with a well-formed but unverified SigV4
    /// header, for tests that must see what the CLI hides: status codes, headers, raw bodies. Such probes are
    /// often malformed on purpose, so the botocore oracle skips them (<see cref="UncheckedHeader"/>).</summary>
    public async Task<EmulatorResponse> SendJsonAsync(string signingName, HttpMethod method, string pathAndQuery, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(pathAndQuery, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", SignatureStub(signingName));
        request.Headers.TryAddWithoutValidation(UncheckedHeader, "probe");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return await SendAsync(request, cancellationToken);
    }

    /// <summary>Sends one Query-protocol request (ELBv2, STS): <paramref name="form"/> is the url-encoded body,
    /// e.g. <c>Action=DescribeTargetGroups&amp;Version=2015-12-01</c>; a null <paramref name="signingName"/> sends it unsigned.</summary>
    public async Task<EmulatorResponse> SendFormAsync(string? signingName, string form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative));
        request.Headers.TryAddWithoutValidation(UncheckedHeader, "probe");
        if (signingName is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", SignatureStub(signingName));
        }

        request.Content = new StringContent(form, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        return await SendAsync(request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= KillOnProcessExit;
        http.Dispose();
        try
        {
            // Closing stdin is the launcher's cue to exit; kill it if it does not.
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        finally
        {
            output.Dispose();
            process.Dispose();
        }
    }

    private static string MotoMissingMessage(string detail) =>
        $"moto_server not found: install it with `pip install \"moto[server]\"` ({detail.Trim()})";

    /// <summary>moto routes on the credential scope and never checks the signature.</summary>
    private static string SignatureStub(string signingName) =>
        $"AWS4-HMAC-SHA256 Credential={AccessKeyId}/20260101/{Region}/{signingName}/aws4_request, SignedHeaders=host, Signature=0";

    private async Task<EmulatorResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var errorType = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.First().Split(':')[0] : null;
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        var answer = new EmulatorResponse((int)response.StatusCode, body, errorType) { Headers = headers };
        // Query-protocol services (ELBv2, STS) name the error only inside <ErrorResponse><Error><Code>.
        return errorType is null && !response.IsSuccessStatusCode && answer.XmlValues("Code") is [var code, ..]
            ? answer with { ErrorType = code }
            : answer;
    }

    private async Task<JsonNode> PostControlAsync(string path, JsonObject? content, CancellationToken cancellationToken)
    {
        using var body = new StringContent(content?.ToJsonString() ?? "{}", Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri($"/_gitmoxi/{path}", UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /_gitmoxi/{path} failed with {(int)response.StatusCode}: {text}\nstderr:\n{output.StandardError}");
        }

        return JsonNode.Parse(text)!;
    }

    private void KillOnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
