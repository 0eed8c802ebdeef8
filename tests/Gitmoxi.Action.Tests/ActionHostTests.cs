using System.Reflection;
using Amazon.Runtime;
using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Retrying;

namespace Gitmoxi.Action.Tests;

[TestClass]
public sealed class ActionHostTests
{
    private static readonly Backoff NoWait = new(3, TimeSpan.Zero, TimeSpan.Zero);

    private sealed class FakeEngine(Func<ActionSettings, AWSCredentials?, Task<ActionOutcome>> run) : IActionRunner
    {
        public List<(ActionSettings Settings, AWSCredentials? Credentials)> Calls { get; } = [];

        public Task<ActionOutcome> RunAsync(ActionSettings settings, AWSCredentials? credentials, CancellationToken cancellationToken)
        {
            Calls.Add((settings, credentials));
            return run(settings, credentials);
        }
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr, string Summary, string Outputs);

    /// <summary>A GitHub step: workspace, empty output and summary files, ids id-1, id-2, … for delimiters and tokens.</summary>
    private static async Task<Run> RunAsync(TempDirectory workspace, IActionRunner engine, Dictionary<string, string> variables, params string[] args)
    {
        var outputFile = workspace.File("_runner_file_commands/set_output_1");
        var summaryFile = workspace.File("_runner_file_commands/step_summary_1");
        variables.TryAdd("GITHUB_ACTIONS", "true");
        variables.TryAdd("GITHUB_WORKSPACE", workspace.Path);
        variables.TryAdd("GITHUB_OUTPUT", outputFile);
        variables.TryAdd("GITHUB_STEP_SUMMARY", summaryFile);
        var ids = 0;
        var options = HostOptions.Default with { Oidc = NoWait, Sts = NoWait, NewId = () => $"id-{++ids}" };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode;
        using (var console = new ActionConsole(stdout, stderr))
        {
            exitCode = await new ActionHost(new RunnerEnvironment(variables), console, engine, options)
                .RunAsync(args, "/not-used", CancellationToken.None);
        }

        return new Run(exitCode, stdout.ToString(), stderr.ToString(), File.ReadAllText(summaryFile), File.ReadAllText(outputFile));
    }

    private static ActionOutcome Outcome(
        string summary = "## Plan\n", string console = "", IReadOnlyList<Diagnostic>? diagnostics = null, bool succeeded = true, string? planFile = null) =>
        new(summary, console, diagnostics ?? [], new ActionOutputs(true, 2, 1, 0, 3, planFile), succeeded);

    private static string ExpectedOutputs(int firstId, string planFile = "") =>
        $"has-changes<<ghadelimiter_id-{firstId}\ntrue\nghadelimiter_id-{firstId}\n"
        + $"created<<ghadelimiter_id-{firstId + 1}\n2\nghadelimiter_id-{firstId + 1}\n"
        + $"updated<<ghadelimiter_id-{firstId + 2}\n1\nghadelimiter_id-{firstId + 2}\n"
        + $"replaced<<ghadelimiter_id-{firstId + 3}\n0\nghadelimiter_id-{firstId + 3}\n"
        + $"deleted<<ghadelimiter_id-{firstId + 4}\n3\nghadelimiter_id-{firstId + 4}\n"
        + $"plan-file<<ghadelimiter_id-{firstId + 5}\n{planFile}\nghadelimiter_id-{firstId + 5}\n";

    [TestMethod]
    public async Task A_pull_request_whose_changes_git_cannot_tell_fails_with_GMX4020_before_credentials_or_the_engine()
    {
        using var workspace = new TempDirectory();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome()));
        var payload = workspace.File(
            "_github_workflow/event.json",
            $$"""
            {"pull_request": {"number": 3, "base": {"sha": "{{new string('a', 40)}}"}, "head": {"sha": "{{new string('b', 40)}}"} } }
            """);

        // role-to-assume without the OIDC variables: asking for credentials first would fail on those instead.
        var run = await RunAsync(workspace, engine, new()
        {
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = payload,
            ["INPUT_ROLE-TO-ASSUME"] = "arn:aws:iam::123456789012:role/deploy",
            ["INPUT_AWS-REGION"] = "us-east-1",
        });

        var message = $"scope: changed cannot tell which files this pull request changes: the workspace {workspace.Path} is not a git checkout. "
            + "Check out the history it needs with `fetch-depth: 0` on actions/checkout, or set `scope: all` to plan every function. "
            + "Nothing was planned and no AWS call was made.";
        Assert.AreEqual(1, run.ExitCode);
        Assert.IsEmpty(engine.Calls);
        Assert.AreEqual($"::stop-commands::id-1\nerror GMX4020: {message}\n::id-1::\n::error title=GMX4020::{message}\n", run.Stdout);
        StringAssert.StartsWith(run.Summary, "## Lambda event sources: plan\n\n> [!CAUTION]\n> Nothing was planned: scope: changed cannot tell");
        StringAssert.StartsWith(run.Outputs, "has-changes<<ghadelimiter_id-2\nfalse\n");
    }

    [TestMethod]
    public async Task Publishes_the_log_annotations_summary_and_outputs()
    {
        using var workspace = new TempDirectory();
        var diagnostics = Enumerable.Range(1, 11)
            .Select(i => Diagnostic.Error("GMX2001", $"bad {i}", new SourceSpan(Path.Combine(workspace.Path, "o_lambdaeventsourcedef.json"), i, 3)))
            .Append(Diagnostic.Warning("GMX3001", "AlaisStageVariableName is misspelt; read as AliasStageVariableName"))
            .ToList();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome(
            console: "Plan: 2 to create\n::set-output name=x::y",
            diagnostics: diagnostics,
            succeeded: false,
            planFile: Path.Combine(workspace.Path, "out", "plan.json"))));

        var run = await RunAsync(workspace, engine, new() { ["GITHUB_EVENT_NAME"] = "pull_request", ["INPUT_SCOPE"] = "all" });

        Assert.AreEqual(1, run.ExitCode);
        Assert.AreEqual(
            "::stop-commands::id-1\nPlan: 2 to create\n::set-output name=x::y\n::id-1::\n"
            + string.Concat(Enumerable.Range(1, 10).Select(i => $"::error title=GMX2001,file=o_lambdaeventsourcedef.json,line={i},col=3::bad {i}\n"))
            + "::warning title=GMX3001::AlaisStageVariableName is misspelt; read as AliasStageVariableName\n",
            run.Stdout);
        // The engine's summary lists every diagnostic; the host adds no second list of the ones not annotated.
        Assert.AreEqual("## Plan\n", run.Summary);
        Assert.AreEqual(ExpectedOutputs(2, "out/plan.json"), run.Outputs);
        Assert.AreEqual("", run.Stderr);
        Assert.AreEqual(ActionMode.Plan, engine.Calls.Single().Settings.Mode);
        Assert.IsNull(engine.Calls.Single().Credentials);
    }

    [TestMethod]
    public async Task A_clean_outcome_exits_zero()
    {
        using var workspace = new TempDirectory();

        var run = await RunAsync(workspace, new FakeEngine((_, _) => Task.FromResult(Outcome())), []);

        Assert.AreEqual(0, run.ExitCode);
        Assert.AreEqual("", run.Stdout);
        Assert.AreEqual("## Plan\n", run.Summary);
        Assert.AreEqual(ExpectedOutputs(1), run.Outputs);
    }

    [TestMethod]
    public async Task An_error_diagnostic_fails_the_step_even_when_the_engine_succeeded()
    {
        using var workspace = new TempDirectory();

        var run = await RunAsync(workspace, new FakeEngine((_, _) => Task.FromResult(Outcome(diagnostics: [Diagnostic.Error("GMX1001", "x")]))), []);

        Assert.AreEqual(1, run.ExitCode);
    }

    [TestMethod]
    public async Task Help_prints_usage_and_exits_zero_without_running_the_engine()
    {
        using var workspace = new TempDirectory();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome()));

        var run = await RunAsync(workspace, engine, new() { ["INPUT_MODE"] = "bogus" }, "--help");

        Assert.AreEqual(0, run.ExitCode);
        Assert.AreEqual(CommandLine.Usage + "\n", run.Stdout);
        Assert.IsEmpty(engine.Calls);
    }

    [TestMethod]
    public async Task Version_prints_the_assembly_version_without_build_metadata_and_exits_zero()
    {
        using var workspace = new TempDirectory();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome()));
        var informational = typeof(ActionHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var run = await RunAsync(workspace, engine, new() { ["INPUT_MODE"] = "bogus" }, "--version");

        Assert.AreEqual(0, run.ExitCode);
        Assert.AreEqual(informational.Split('+')[0] + "\n", run.Stdout);
        Assert.DoesNotContain("+", run.Stdout);
        Assert.IsEmpty(engine.Calls);
    }

    [TestMethod]
    public async Task Invalid_inputs_fail_with_one_error_annotation_before_anything_runs()
    {
        using var workspace = new TempDirectory();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome()));

        var run = await RunAsync(workspace, engine, new() { ["INPUT_MODE"] = "bogus", ["INPUT_PATH"] = "../x" });

        Assert.AreEqual(1, run.ExitCode);
        Assert.AreEqual(
            $"::error title=GMX6001::Input 'path': '../x' is outside the workspace {workspace.Path}; only paths inside it are allowed.%0AInput 'mode' must be plan, apply or auto; got 'bogus'.\n",
            run.Stdout);
        Assert.IsEmpty(engine.Calls);
        Assert.AreEqual("", run.Outputs);
    }

    [TestMethod]
    public async Task An_unexpected_exception_fails_the_step_with_its_type_and_a_stack_on_stderr()
    {
        using var workspace = new TempDirectory();

        var run = await RunAsync(workspace, new FakeEngine((_, _) => throw new InvalidOperationException("boom")), []);

        Assert.AreEqual(1, run.ExitCode);
        Assert.AreEqual("::error title=GMX9001::Unexpected failure (InvalidOperationException): boom\n", run.Stdout);
        StringAssert.StartsWith(run.Stderr, "System.InvalidOperationException: boom\n");
    }

    [TestMethod]
    public async Task Cancellation_stops_the_run_with_an_error_and_a_non_zero_exit()
    {
        using var workspace = new TempDirectory();
        using var cancellation = new CancellationTokenSource();
        var engine = new FakeEngine(async (_, _) =>
        {
            await cancellation.CancelAsync();
            cancellation.Token.ThrowIfCancellationRequested();
            return Outcome();
        });
        using var stdout = new StringWriter();
        int exitCode;
        using (var console = new ActionConsole(stdout, TextWriter.Null))
        {
            exitCode = await new ActionHost(new RunnerEnvironment([]), console, engine, HostOptions.Default)
                .RunAsync([], workspace.Path, cancellation.Token);
        }

        Assert.AreEqual(1, exitCode);
        Assert.AreEqual("::error title=GMX6004::Cancelled before finishing.\n", stdout.ToString());
    }

    [TestMethod]
    public async Task Outside_github_the_log_summary_and_outputs_go_to_the_console_without_workflow_commands()
    {
        using var workspace = new TempDirectory();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome(console: "Plan: 2 to create\n")));
        using var stdout = new StringWriter();
        int exitCode;
        using (var console = new ActionConsole(stdout, TextWriter.Null))
        {
            exitCode = await new ActionHost(new RunnerEnvironment([]), console, engine, HostOptions.Default with { NewId = () => "tok" })
                .RunAsync(["--mode", "plan"], workspace.Path, CancellationToken.None);
        }

        Assert.AreEqual(0, exitCode);
        Assert.AreEqual(
            "Plan: 2 to create\n## Plan\n"
            + "output has-changes=true\noutput created=2\noutput updated=1\noutput replaced=0\noutput deleted=3\noutput plan-file=\n",
            stdout.ToString());
    }

    [TestMethod]
    public async Task Validate_only_runs_the_engine_in_validate_mode_without_fetching_credentials()
    {
        using var workspace = new TempDirectory();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome()));

        var run = await RunAsync(
            workspace,
            engine,
            new() { ["INPUT_ROLE-TO-ASSUME"] = "arn:aws:iam::123456789012:role/deploy", ["INPUT_AWS-REGION"] = "us-east-1" },
            "--validate-only");

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        var (settings, credentials) = engine.Calls.Single();
        Assert.AreEqual(ActionMode.Validate, settings.Mode);
        Assert.IsNull(credentials, "no OIDC token was asked for, so no id-token permission is needed");
    }

    [TestMethod]
    public async Task Missing_output_file_inside_github_fails_with_the_toolkit_error()
    {
        using var workspace = new TempDirectory();
        var engine = new FakeEngine((_, _) => Task.FromResult(Outcome()));

        var run = await RunAsync(workspace, engine, new() { ["GITHUB_OUTPUT"] = "" });

        Assert.AreEqual(1, run.ExitCode);
        Assert.AreEqual("::error title=GMX7003::Unable to find environment variable for file command OUTPUT\n", run.Stdout);
    }

    [TestMethod]
    public async Task Assumed_role_credentials_reach_the_engine_and_no_secret_reaches_any_output()
    {
        using var workspace = new TempDirectory();
        using var fake = new FakeGitHubAndSts(() => FakeGitHubAndSts.Error(400, "InvalidIdentityToken", "Token is not yet valid"));
        var leak = string.Join(" ", FakeGitHubAndSts.Secrets);
        var engine = new FakeEngine(async (_, credentials) =>
        {
            var keys = await credentials!.GetCredentialsAsync();
            Assert.AreEqual(FakeGitHubAndSts.SecretAccessKey, keys.SecretKey);

            // An engine that leaks everywhere it can: the host must still print none of it.
            return new ActionOutcome(
                $"## Plan {leak}\n",
                $"log {leak}\n",
                [Diagnostic.Error("GMX9999", $"failed with {leak}", new SourceSpan($"{FakeGitHubAndSts.AccessKeyId}.json", 1, 1))],
                new ActionOutputs(false, 0, 0, 0, 0, Path.Combine(workspace.Path, FakeGitHubAndSts.SessionToken)),
                true);
        });
        var variables = fake.Environment();
        variables["INPUT_ROLE-TO-ASSUME"] = FakeGitHubAndSts.RoleArn;
        variables["INPUT_AWS-REGION"] = "us-east-1";

        var run = await RunAsync(workspace, engine, variables);

        Assert.AreEqual(1, run.ExitCode, run.Stdout);
        var credentialsLog =
            $"::add-mask::{FakeGitHubAndSts.RequestToken}\n::add-mask::oidc-jwt-1\n"
            + "STS refused the OIDC token (InvalidIdentityToken: Token is not yet valid); retrying once with a fresh token.\n"
            + "::add-mask::oidc-jwt-2\n"
            + $"::add-mask::{FakeGitHubAndSts.AccessKeyId}\n::add-mask::{FakeGitHubAndSts.SecretAccessKey}\n::add-mask::{FakeGitHubAndSts.SessionToken}\n"
            + "Assumed role arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions.\n";
        StringAssert.StartsWith(run.Stdout, credentialsLog, "each secret is registered the moment it is known, before any other use");
        var everythingElse = run.Stdout[credentialsLog.Length..] + run.Stderr + run.Summary + run.Outputs;
        foreach (var secret in FakeGitHubAndSts.Secrets)
        {
            Assert.DoesNotContain(secret, everythingElse);
        }

        StringAssert.Contains(run.Stdout, "log *** *** *** *** *** ***\n");
        StringAssert.Contains(run.Summary, "## Plan *** *** *** *** *** ***\n");
        StringAssert.Contains(run.Outputs, "plan-file<<ghadelimiter_id-7\n***\nghadelimiter_id-7\n");
    }
}
