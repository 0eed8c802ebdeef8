using System.Net;
using System.Text;
using Gitmoxi.MSBuild.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.MSBuild.Tests;

/// <summary>
/// The task with the real engine and credentials that look like real ones, scanned in everything it logs (messages,
/// warnings, errors with their file and code) and writes (the summary file, GITHUB_STEP_SUMMARY) for the secret key
/// and the session token: on success against the emulator, and when AWS error bodies echo both back. Zero findings.
/// </summary>
[TestClass]
public sealed class SecretHygieneTests : EmulatorFixture<SecretHygieneTests>, IDisposable
{
    private const string AccessKeyId = "AKIAGMXMSBUILD000001";
    private const string SecretKey = "gmxMsbuildSecretKey/0123456789abcdefghijklmnopq";
    private const string SessionToken = "gmxMsbuildSessionToken0123456789abcdefghijklmnopqrstuvwxyz+/==";
    private static readonly string[] WrittenFiles = ["artifacts/gitmoxi.md", "step-summary.md"];
    private readonly TempDirectory project = new();
    private readonly FakeBuildEngine buildEngine = new();

    public void Dispose() => project.Dispose();

    [TestMethod]
    public async Task A_successful_apply_logs_and_writes_no_secret()
    {
        await emulator.ResetAsync(TestContext.CancellationToken);
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, TestContext.CancellationToken);
        var world = await emulator.SeedAsync(TestContext.CancellationToken);
        // These keys sign real requests: the botocore oracle recomputes their signatures with this secret.
        await emulator.AddOracleCredentialsAsync(AccessKeyId, SecretKey, TestContext.CancellationToken);
        WriteDefinition(world.Queues["orders-queue"]);

        var succeeded = Run("apply", emulator.Endpoint.ToString());

        Assert.IsTrue(succeeded, Everything());
        AssertNoFindings();
    }

    [TestMethod]
    [DataRow("plan")]
    [DataRow("apply")]
    public void Aws_error_bodies_echoing_the_credentials_are_logged_without_them(string mode)
    {
        using var echo = new EchoingAws([SecretKey, SessionToken]);
        WriteDefinition("arn:aws:sqs:us-east-1:123456789012:orders-queue");

        var succeeded = Run(mode, echo.Endpoint);

        Assert.IsFalse(succeeded);
        Assert.IsGreaterThan(0, echo.Requests, Everything());
        StringAssert.Contains(Everything(), "AccessDeniedException", "the AWS error itself is reported");
        AssertNoFindings();
    }

    private bool Run(string mode, string endpoint)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_SHARED_CREDENTIALS_FILE"] = project.Write(".aws/credentials", $"""
                [leaky]
                aws_access_key_id = {AccessKeyId}
                aws_secret_access_key = {SecretKey}
                aws_session_token = {SessionToken}
                region = us-east-1
                """),
            ["AWS_CONFIG_FILE"] = project.Combine(".aws/config"),
            ["AWS_ENDPOINT_URL"] = endpoint,
            ["GITHUB_STEP_SUMMARY"] = project.Write("step-summary.md", ""),
        };
        var task = new DeployEventSources
        {
            BuildEngine = buildEngine,
            ProjectDirectory = project.Path,
            Environment = environment,
            Profile = "leaky",
            Mode = mode,
            SummaryFile = "artifacts/gitmoxi.md",
        };
        return task.Execute();
    }

    private void WriteDefinition(string queueArn) => project.Write("orders/orders_lambdaeventsourcedef.json", $$"""
        { "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{queueArn}}", "FunctionName": "orders", "BatchSize": 10 } } }
        """);

    /// <summary>Every logged event (message, file, code) and every file the task wrote.</summary>
    private string Everything()
    {
        var text = new StringBuilder();
        foreach (var e in buildEngine.Messages)
        {
            text.Append(e.Message).Append('\n');
        }

        foreach (var e in buildEngine.Warnings)
        {
            text.Append(e.File).Append(' ').Append(e.Code).Append(' ').Append(e.Message).Append('\n');
        }

        foreach (var e in buildEngine.Errors)
        {
            text.Append(e.File).Append(' ').Append(e.Code).Append(' ').Append(e.Message).Append('\n');
        }

        foreach (var file in WrittenFiles.Select(project.Combine).Where(File.Exists))
        {
            text.Append(File.ReadAllText(file)).Append('\n');
        }

        return text.ToString();
    }

    private void AssertNoFindings()
    {
        var everything = Everything();
        var findings = new[] { SecretKey, SessionToken }.Where(s => everything.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(findings, everything);
        Assert.IsTrue(File.Exists(project.Combine("artifacts/gitmoxi.md")), "the summary file was scanned");
    }

    /// <summary>An AWS endpoint that refuses every request with an error whose message echoes the given secrets.</summary>
    private sealed class EchoingAws : IDisposable
    {
        private readonly LoopbackListener listener;
        private readonly string body;
        private int requests;

        public EchoingAws(IEnumerable<string> secrets)
        {
            body = $$"""{"__type":"AccessDeniedException","message":"request signed with {{string.Join(" and ", secrets)}} is not authorized"}""";
            listener = new LoopbackListener(AnswerAsync);
        }

        public string Endpoint => listener.BaseUrl;

        public int Requests => Volatile.Read(ref requests);

        public void Dispose() => listener.Dispose();

        private async Task AnswerAsync(HttpListenerContext context)
        {
            Interlocked.Increment(ref requests);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/json";
            context.Response.AddHeader("x-amzn-ErrorType", "AccessDeniedException");
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
