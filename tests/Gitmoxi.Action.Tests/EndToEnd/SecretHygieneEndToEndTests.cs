using System.Text.RegularExpressions;
using System.Web;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// Every byte the Action prints or writes (stdout, stderr, the job summary, the step outputs, the plan file) scanned
/// for the OIDC token, the secret access key and the session token, on success and on every failure path that carries
/// an answer from outside: AWS error bodies and an STS refusal that echo the secrets back. The expected number of
/// findings is zero everywhere.
/// </summary>
[TestClass]
public sealed partial class SecretHygieneEndToEndTests(TestContext testContext) : ActionRunnerFixture<SecretHygieneEndToEndTests>
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/gitmoxi-deploy";
    private const string StaticAccessKeyId = "AKIAGMXSTATIC0000001";
    private const string StaticSecretKey = "gmxStaticSecretKey/0123456789abcdefghijklmnopqrs";
    private const string StaticSessionToken = "gmxStaticSessionToken0123456789abcdefghijklmnopqrstuvwxyz+/==";
    private const string PlanFile = "out/plan.json";

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);
        // The static keys sign real requests: the botocore oracle recomputes their signatures with this secret.
        await emulator.AddOracleCredentialsAsync(StaticAccessKeyId, StaticSecretKey, Cancellation);
    }

    [TestMethod]
    public async Task A_plan_with_a_plan_file_and_an_apply_with_an_assumed_role_leak_nothing()
    {
        using var oidc = new OidcIssuer();
        using var sts = new StsRecorder(emulator.Endpoint);
        var variables = oidc.Variables();
        variables["AWS_ENDPOINT_URL_STS"] = sts.Endpoint;

        var plan = await RunAsync("pull_request", new() { ["path"] = "examples/repository/orders", ["plan-file"] = PlanFile, ["role-to-assume"] = RoleArn }, variables);
        var apply = await RunAsync("push", new() { ["path"] = "examples/repository/orders", ["mode"] = "apply", ["plan-file"] = PlanFile, ["role-to-assume"] = RoleArn }, variables);

        Assert.AreEqual(0, plan.ExitCode, plan.ToString());
        Assert.AreEqual(0, apply.ExitCode, apply.ToString());
        AssertNoFindings([.. oidc.Tokens, OidcIssuer.RequestToken, .. SecretsOnly(sts)], plan, apply);
    }

    [TestMethod]
    public async Task An_aws_error_body_echoing_the_assumed_role_credentials_and_the_oidc_token_leaks_nothing()
    {
        using var oidc = new OidcIssuer();
        using var sts = new StsRecorder(emulator.Endpoint);
        string[] Secrets() => [.. oidc.Tokens, OidcIssuer.RequestToken, .. SecretsOnly(sts)];
        using var lambda = new AwsProxy(emulator.Endpoint, request => IsCreateMapping(request) ? EchoingError(400, Secrets()) : null);
        var variables = oidc.Variables();
        variables["AWS_ENDPOINT_URL_STS"] = sts.Endpoint;
        variables["AWS_ENDPOINT_URL_LAMBDA"] = lambda.Endpoint;

        var run = await RunAsync("push", new() { ["path"] = "examples/repository/orders", ["role-to-assume"] = RoleArn }, variables);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.AreEqual(1, lambda.Intercepted, run.ToString());
        StringAssert.Contains(run.Stdout, "InvalidParameterValueException", "the AWS error itself is reported");
        AssertNoFindings(Secrets(), run);
    }

    [TestMethod]
    public async Task An_aws_error_body_echoing_static_credentials_from_the_environment_leaks_nothing()
    {
        using var lambda = new AwsProxy(emulator.Endpoint, request => IsCreateMapping(request) ? EchoingError(400, StaticSecretKey, StaticSessionToken) : null);
        var variables = StaticCredentials();
        variables["AWS_ENDPOINT_URL_LAMBDA"] = lambda.Endpoint;

        var run = await RunAsync("push", new() { ["path"] = "examples/repository/orders" }, variables);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.AreEqual(1, lambda.Intercepted, run.ToString());
        AssertNoFindings([StaticSecretKey, StaticSessionToken], run);
    }

    [TestMethod]
    public async Task A_refused_read_while_planning_whose_body_echoes_static_credentials_leaks_nothing()
    {
        using var lambda = new AwsProxy(emulator.Endpoint, request => request.Method == "GET" ? EchoingError(403, StaticSecretKey, StaticSessionToken) : null);
        var variables = StaticCredentials();
        variables["AWS_ENDPOINT_URL_LAMBDA"] = lambda.Endpoint;

        var run = await RunAsync("pull_request", new() { ["path"] = "examples/repository/orders" }, variables);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.IsGreaterThan(0, lambda.Intercepted, run.ToString());
        AssertNoFindings([StaticSecretKey, StaticSessionToken], run);
    }

    [TestMethod]
    public async Task An_sts_refusal_echoing_the_oidc_token_leaks_nothing()
    {
        using var oidc = new OidcIssuer();
        using var sts = new LoopbackServer(request => FakeGitHubAndSts.Error(
            400, "InvalidIdentityToken", "Token " + HttpUtility.ParseQueryString(request.Body)["WebIdentityToken"] + " has expired"));
        var variables = oidc.Variables();
        variables["AWS_ENDPOINT_URL_STS"] = sts.BaseUrl;

        var run = await RunAsync("push", new() { ["path"] = "examples/repository/orders", ["role-to-assume"] = RoleArn }, variables);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.IsNotEmpty(oidc.Tokens);
        StringAssert.Contains(run.Stdout, "has expired", "STS's own message is reported");
        AssertNoFindings([.. oidc.Tokens, OidcIssuer.RequestToken], run);
    }

    [TestMethod]
    public async Task A_definition_value_with_a_workflow_command_injects_no_command_and_no_markup()
    {
        runner.WriteFile("examples/evil/evil_lambdaeventsourcedef.json", """
            {
              "PullEventSources": {
                "EventSourceMapping": {
                  "FunctionName": "evil",
                  "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q\n::set-output name=x::y\n| <img src=x onerror=alert(1)> | **bold** [link](http://evil)"
                }
              }
            }
            """);

        var run = await RunAsync("pull_request", new() { ["path"] = "examples/evil" }, StaticCredentials());

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var commands = ActiveCommands(run.Stdout);
        Assert.IsNotEmpty(commands, run.Stdout);
        foreach (var command in commands)
        {
            StringAssert.Matches(command, AllowedCommand(), run.Stdout);
        }

        StringAssert.Contains(run.Stdout, "q%0A::set-output name=x::y%0A", "the annotation escapes the value's line breaks");
        Assert.DoesNotContain("<img", run.Summary, run.Summary);
        Assert.DoesNotContain("x\n", run.Outputs, run.Outputs);
    }

    /// <summary>
    /// The lines the runner would execute as workflow commands: every <c>::</c> line, except inside a
    /// <c>::stop-commands::TOKEN</c> … <c>::TOKEN::</c> block, where the runner executes none.
    /// </summary>
    private static List<string> ActiveCommands(string stdout)
    {
        var active = new List<string>();
        string? resume = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (resume is not null)
            {
                resume = line == resume ? null : resume;
            }
            else if (line.StartsWith("::stop-commands::", StringComparison.Ordinal))
            {
                resume = "::" + line["::stop-commands::".Length..] + "::";
            }
            else if (line.StartsWith("::", StringComparison.Ordinal))
            {
                active.Add(line);
            }
        }

        Assert.IsNull(resume, "commands were stopped and never resumed");
        return active;
    }

    // The progress groups' titles are the engine's own words, never user data.
    [GeneratedRegex("^(::(error|warning|notice|add-mask|group)[ :]|::endgroup::$)")]
    private static partial Regex AllowedCommand();

    private Task<ActionRun> RunAsync(string eventName, Dictionary<string, string> inputs, Dictionary<string, string> variables)
    {
        inputs["aws-region"] = Emulator.Region;
        inputs.TryAdd("scope", "all");
        return runner.RunAsync(eventName, inputs, variables, Cancellation);
    }

    private static Dictionary<string, string> StaticCredentials() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = StaticAccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = StaticSecretKey,
        ["AWS_SESSION_TOKEN"] = StaticSessionToken,
    };

    private static bool IsCreateMapping(LoopbackServer.Request request) =>
        request.Method == "POST" && request.PathAndQuery.StartsWith("/2015-03-31/event-source-mappings", StringComparison.Ordinal);

    /// <summary>A Lambda error whose message carries every secret, as a misbehaving proxy or service might.</summary>
    private static LoopbackServer.Response EchoingError(int status, params string[] secrets)
    {
        var code = status == 403 ? "AccessDeniedException" : "InvalidParameterValueException";
        var message = "The request signed with " + string.Join(" and ", secrets) + " was refused";
        return new(status, $$"""{"__type":"{{code}}","Type":"User","message":"{{message}}"}""");
    }

    /// <summary>The secret key and session token moto issued (the access key id is an identifier, masked but not secret).</summary>
    private static IEnumerable<string> SecretsOnly(StsRecorder sts) => sts.Secrets.Where(s => !s.StartsWith("ASIA", StringComparison.Ordinal) && !s.StartsWith("AKIA", StringComparison.Ordinal));

    /// <summary>Each secret in each place the step wrote to; <c>::add-mask::</c> lines are the one place a secret must appear.</summary>
    private void AssertNoFindings(string[] secrets, params ActionRun[] runs)
    {
        Assert.IsNotEmpty(secrets);
        var places = runs.SelectMany((run, i) => run.Channels.Select(c => (Where: $"run {i + 1} {c.Where}", Text: c.Where == "stdout" ? WithoutMaskCommands(c.Text) : c.Text))).ToList();
        var planFile = Path.Combine(runner.Workspace, PlanFile);
        if (File.Exists(planFile))
        {
            places.Add(("plan file", File.ReadAllText(planFile)));
        }

        var findings = places.SelectMany(p => secrets.Where(s => p.Text.Contains(s, StringComparison.Ordinal)).Select(s => $"{p.Where}: {s[..6]}…")).ToList();
        testContext.WriteLine($"scanned {places.Count} outputs for {secrets.Length} secrets: {findings.Count} findings");
        Assert.IsEmpty(findings, string.Join("\n", findings) + "\n" + string.Join("\n", runs.Select(r => r.ToString())));
    }

    private static string WithoutMaskCommands(string stdout) =>
        string.Join('\n', stdout.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
}
