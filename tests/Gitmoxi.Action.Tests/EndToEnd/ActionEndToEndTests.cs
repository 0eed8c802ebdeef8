using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// The real entrypoint (the AOT binary in CI, see <see cref="ActionBinary"/>) as a GitHub step: a simulated runner,
/// the emulator for AWS, a loopback OIDC issuer, and moto's STS (or a refusing fake STS).
/// </summary>
[TestClass]
public sealed partial class ActionEndToEndTests(TestContext testContext) : ActionRunnerFixture<ActionEndToEndTests>
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/gitmoxi-deploy";
    private const string ExampleDefinition = "examples/repository/orders/orders_lambdaeventsourcedef.json";

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize() => await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);

    /// <summary>Runs plan the whole example repository: its workspace is no git checkout (scope: changed has its own tests).</summary>
    private Task<ActionRun> RunAsync(string eventName, Dictionary<string, string> inputs, Dictionary<string, string>? variables = null)
    {
        inputs.TryAdd("scope", "all");
        return runner.RunAsync(eventName, inputs, variables ?? SimulatedRunner.StaticCredentials(), Cancellation);
    }

    [TestMethod]
    public async Task Plan_on_a_pull_request_lists_each_change_in_the_summary_and_writes_nothing()
    {
        var run = await RunAsync("pull_request", new() { ["path"] = "examples/repository" });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(Outputs(hasChanges: true, created: 16), ReadOutputs(run.Outputs));
        StringAssert.StartsWith(run.Summary, "## Lambda event sources: plan\n\n**Plan:** 16 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.\n", run.Summary);
        StringAssert.Contains(run.Summary, "| `+` | create | event-source-mapping sqs:orders-queue |", run.Summary);
        StringAssert.Contains(run.Summary, "| `+` | create | target-registration elb:web |", run.Summary);
        StringAssert.Contains(run.Summary, "| `+` | create | bucket-notification s3:orders-uploads/gitmoxi-", run.Summary);
        StringAssert.Contains(run.Summary, "| `+` | create | sns-subscription sns:order-events |", run.Summary);
        StringAssert.Contains(run.Summary, "| `+` | create | rule-target events:orders/order-shipped |", run.Summary);
        StringAssert.Contains(run.Summary, "| `+` | create | subscription-filter logs:/app/orders/orders-errors |", run.Summary);
        StringAssert.Contains(run.Summary, "| `+` | create | rest-integration apigw:", run.Summary);
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
        Assert.IsGreaterThan(0, counts.Reads);
    }

    [TestMethod]
    public async Task Apply_converges_and_a_rerun_reports_no_changes_without_writing()
    {
        var apply = await RunAsync("push", new() { ["path"] = "examples/repository" });

        Assert.AreEqual(0, apply.ExitCode, apply.ToString());
        Assert.AreEqual(Outputs(hasChanges: true, created: 16), ReadOutputs(apply.Outputs));
        var mapping = await OnlyMappingAsync();
        Assert.AreEqual("arn:aws:lambda:us-east-1:123456789012:function:orders:live", (string?)mapping["FunctionArn"]);
        Assert.AreEqual(10, (int?)mapping["BatchSize"]);
        Assert.AreEqual(5, (int?)mapping["MaximumBatchingWindowInSeconds"]);

        await emulator.ResetRequestCountsAsync(Cancellation);
        var rerun = await RunAsync("push", new() { ["path"] = "examples/repository" });

        Assert.AreEqual(0, rerun.ExitCode, rerun.ToString());
        Assert.AreEqual(Outputs(hasChanges: false), ReadOutputs(rerun.Outputs));
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    [TestMethod]
    public async Task An_invalid_definition_fails_with_annotations_at_its_line_and_column_and_writes_nothing()
    {
        runner.WriteFile("examples/repository/billing/billing_lambdaeventsourcedef.json", """
            {
              "PullEventSources": {
                "EventSourceMapping": {
                  "FunctionName": "billing",
                  "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:billing-queue",
                  "BatchSze": 10
                }
              }
            }
            """);

        var run = await RunAsync("push", new() { ["path"] = "examples/repository" });

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var annotations = run.Stdout.Split('\n').Where(l => l.StartsWith("::error", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, annotations, run.Stdout);
        Assert.AreEqual(
            "::error title=GMX2001,file=examples/repository/billing/billing_lambdaeventsourcedef.json,line=6,col=7::"
            + "Unknown key 'BatchSze' in PullEventSources.EventSourceMapping; did you mean 'BatchSize'?",
            annotations[0]);
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    [TestMethod]
    public async Task Oidc_token_and_sts_credentials_never_appear_in_the_log_summary_or_outputs()
    {
        using var oidc = new OidcIssuer();
        using var sts = new StsRecorder(emulator.Endpoint);
        var variables = oidc.Variables();
        variables["AWS_ENDPOINT_URL_STS"] = sts.Endpoint;

        var run = await RunAsync("push", new() { ["path"] = "examples/repository", ["role-to-assume"] = RoleArn, ["aws-region"] = "us-east-1" }, variables);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual(Outputs(hasChanges: true, created: 16), ReadOutputs(run.Outputs));
        Assert.AreEqual("sts.amazonaws.com", oidc.Audiences.Single());
        Assert.AreEqual(1, sts.Calls);
        Assert.HasCount(3, sts.Secrets, "moto answered with an access key, a secret key and a session token");
        string[] secrets = [.. oidc.Tokens, OidcIssuer.RequestToken, .. sts.Secrets];
        var masked = run.Stdout.Split('\n').Where(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)).ToList();
        foreach (var secret in secrets.Where(s => s != OidcIssuer.RequestToken))
        {
            CollectionAssert.Contains(masked, "::add-mask::" + secret, "each secret is masked before use");
        }

        var logWithoutMaskCommands = string.Join('\n', run.Stdout.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
        foreach (var (where, text) in run.Channels.Select(c => c.Where == "stdout" ? (c.Where, logWithoutMaskCommands) : c))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, $"a secret leaked into {where}");
            }
        }
    }

    [TestMethod]
    public async Task A_script_tag_in_a_filter_pattern_is_escaped_in_the_summary()
    {
        runner.WriteFile(ExampleDefinition, """
            {
              "PullEventSources": {
                "EventSourceMapping": {
                  "EventSourceArn": "{{ orders_queue_arn }}",
                  "FilterCriteria": { "Filters": [ { "Pattern": "{\"body\": {\"note\": [\"<script>alert(1)</script>\"]}}" } ] }
                }
              }
            }
            """);

        var run = await RunAsync("pull_request", new() { ["path"] = "examples/repository" });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.DoesNotContain("<script>", run.Summary, run.Summary);
        StringAssert.Contains(run.Summary, "&lt;script&gt;", run.Summary);
    }

    [TestMethod]
    public async Task A_role_without_the_id_token_permission_fails_with_an_error_that_names_it()
    {
        var run = await RunAsync("push", new() { ["path"] = "examples/repository", ["role-to-assume"] = RoleArn, ["aws-region"] = "us-east-1" });

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.AreEqual(
            "::error title=GMX7001::ACTIONS_ID_TOKEN_REQUEST_URL is not set: role-to-assume needs a GitHub OIDC token: grant the job `permissions: id-token: write` "
            + "(workflows triggered from forks cannot get one unless the repository allows it).\n",
            run.Stdout);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Cancellation)).Operations.Sum(o => o.Count), "nothing reached AWS");
    }

    [TestMethod]
    public async Task A_wrong_role_surfaces_the_sts_message_after_one_call()
    {
        using var oidc = new OidcIssuer();
        using var sts = new LoopbackServer(_ => FakeGitHubAndSts.Error(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"));
        var variables = oidc.Variables();
        variables["AWS_ENDPOINT_URL_STS"] = sts.BaseUrl;

        var run = await RunAsync("push", new() { ["path"] = "examples/repository", ["role-to-assume"] = RoleArn, ["aws-region"] = "us-east-1" }, variables);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.HasCount(1, sts.Requests, "an access refusal is not retried");
        var error = run.Stdout.Split('\n').Single(l => l.StartsWith("::error title=GMX7002::", StringComparison.Ordinal));
        StringAssert.Contains(error, "Not authorized to perform sts:AssumeRoleWithWebIdentity", run.Stdout);
        StringAssert.Contains(error, RoleArn, run.Stdout);
    }

    [TestMethod]
    public async Task A_wrong_audience_surfaces_the_sts_message_after_one_retry_with_a_fresh_token()
    {
        using var oidc = new OidcIssuer();
        using var sts = new LoopbackServer(_ => FakeGitHubAndSts.Error(400, "InvalidIdentityToken", "Incorrect token audience"));
        var variables = oidc.Variables();
        variables["AWS_ENDPOINT_URL_STS"] = sts.BaseUrl;

        var run = await RunAsync(
            "push",
            new() { ["path"] = "examples/repository", ["role-to-assume"] = RoleArn, ["aws-region"] = "us-east-1", ["audience"] = "api://wrong" },
            variables);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        Assert.AreEqual("api://wrong api://wrong", string.Join(" ", oidc.Audiences));
        Assert.HasCount(2, sts.Requests, "one retry with a fresh token, then the refusal");
        var error = run.Stdout.Split('\n').Single(l => l.StartsWith("::error title=GMX7002::", StringComparison.Ordinal));
        StringAssert.Contains(error, "Incorrect token audience", run.Stdout);
        StringAssert.Contains(error, "audience 'api://wrong'", run.Stdout);
    }

    [TestMethod]
    public async Task A_saved_plan_is_applied_in_apply_mode()
    {
        var plan = await RunAsync("pull_request", new() { ["path"] = "examples/repository", ["plan-file"] = "out/plan.json" });

        Assert.AreEqual(0, plan.ExitCode, plan.ToString());
        Assert.AreEqual(Outputs(hasChanges: true, created: 16, planFile: "out/plan.json"), ReadOutputs(plan.Outputs));
        Assert.IsTrue(File.Exists(Path.Combine(runner.Workspace, "out", "plan.json")));
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Cancellation)).Writes);

        var apply = await RunAsync("push", new() { ["path"] = "examples/repository", ["mode"] = "apply", ["plan-file"] = "out/plan.json" });

        Assert.AreEqual(0, apply.ExitCode, apply.ToString());
        Assert.AreEqual(Outputs(hasChanges: true, created: 16, planFile: "out/plan.json"), ReadOutputs(apply.Outputs));
        Assert.AreEqual(10, (int?)(await OnlyMappingAsync())["BatchSize"]);
    }

    [TestMethod]
    public async Task A_saved_plan_is_refused_when_the_live_state_moved_since()
    {
        var plan = await RunAsync("pull_request", new() { ["path"] = "examples/repository", ["plan-file"] = "plan.json" });
        Assert.AreEqual(0, plan.ExitCode, plan.ToString());
        var queueArn = (string)JsonNode.Parse(File.ReadAllText(Path.Combine(runner.Workspace, "examples/repository/orders/orders_lambdainput.json")))!["orders_queue_arn"]!;
        await emulator.AwsCliAsync(
            ["lambda", "create-event-source-mapping", "--function-name", "orders:live", "--event-source-arn", queueArn, "--batch-size", "7"],
            Cancellation);
        await emulator.ResetRequestCountsAsync(Cancellation);

        var apply = await RunAsync("push", new() { ["path"] = "examples/repository", ["mode"] = "apply", ["plan-file"] = "plan.json" });

        Assert.AreEqual(1, apply.ExitCode, apply.ToString());
        StringAssert.Contains(
            apply.Stdout,
            "is stale: the definition files or the live AWS state changed since it was made. Plan again and review the new plan.",
            apply.ToString());
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Cancellation)).Writes);
        Assert.AreEqual(7, (int?)(await OnlyMappingAsync())["BatchSize"], "the mapping someone else made is untouched");
    }

    private async Task<JsonNode> OnlyMappingAsync()
    {
        var list = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "orders:live"], Cancellation);
        return list!["EventSourceMappings"]!.AsArray().Single()!;
    }

    private static string Outputs(bool hasChanges, int created = 0, string planFile = "") =>
        $"has-changes={(hasChanges ? "true" : "false")}\ncreated={created}\nupdated=0\nreplaced=0\ndeleted=0\nplan-file={planFile}\n";

    /// <summary>Reads GITHUB_OUTPUT as the runner does (heredocs with a random delimiter), checking the format on the way.</summary>
    private static string ReadOutputs(string file)
    {
        var text = new StringBuilder();
        var rest = file;
        while (rest.Length > 0)
        {
            var match = OutputPattern().Match(rest);
            Assert.IsTrue(match.Success, $"GITHUB_OUTPUT is not a sequence of heredocs:\n{file}");
            text.Append(match.Groups["name"].Value).Append('=').Append(match.Groups["value"].Value).Append('\n');
            rest = rest[match.Length..];
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\A(?<name>[a-z-]+)<<(?<delimiter>ghadelimiter_[0-9a-f-]{36})\n(?<value>[^\n]*)\n\k<delimiter>\n")]
    private static partial Regex OutputPattern();
}
