using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.MSBuild.Tests.Support;
using Microsoft.Build.Framework;
using Microsoft.Extensions.Logging;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace Gitmoxi.MSBuild.Tests;

/// <summary>The task against a fake build engine and a fake engine run: what it asks for and what it logs.</summary>
[TestClass]
public sealed partial class DeployEventSourcesTests : IDisposable
{
    private const string DefinitionFile = "orders/orders_lambdaeventsourcedef.json";
    private readonly TempDirectory project = new();
    private readonly FakeBuildEngine buildEngine = new();
    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);
    private (AwsSettings Settings, EngineOptions Options, RunRequest Request)? captured;

    public DeployEventSourcesTests()
    {
        // Credentials come from a profile in a private credentials file, so no test depends on the machine's AWS setup.
        environment["AWS_SHARED_CREDENTIALS_FILE"] = project.Write(".aws/credentials", """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret
            region = us-east-1

            [tools]
            aws_access_key_id = AKIDTOOLS
            aws_secret_access_key = tools-secret
            """);
        environment["AWS_CONFIG_FILE"] = project.Combine(".aws/config");
    }

    public void Dispose() => project.Dispose();

    [TestMethod]
    public void Properties_become_the_run_request_engine_options_and_aws_settings()
    {
        project.Write(LambdaToolsDefaults.FileName, """{ "function-name": "from-defaults", "region": "eu-west-1", "profile": "tools" }""");
        project.Write(DefinitionFile, "{}");
        var task = NewTask(Outcome(new Plan([], [])));
        task.Mode = "Plan";
        task.Path = "orders";
        task.FunctionName = "orders";
        task.FunctionAlias = "live";
        task.Prune = true;
        task.Region = "eu-central-1";

        Assert.IsTrue(task.Execute(), Logged());

        var (settings, options, request) = captured!.Value;
        Assert.AreEqual(new RunRequest(project.Combine("orders"), project.Combine("orders"), RunMode.Plan, "orders", "live"), request);
        Assert.AreEqual(new EngineOptions(Prune: true), options);
        Assert.AreEqual("eu-central-1", settings.Region);
        Assert.AreEqual("AKIDDEFAULT", settings.Credentials.GetCredentials().AccessKey);
    }

    [TestMethod]
    public void GitmoxiAccountRoles_entries_separated_by_semicolons_or_lines_become_the_settings_roles()
    {
        project.Write(DefinitionFile, "{}");
        var task = NewTask(Outcome(new Plan([], [])));
        task.AccountRoles = "111122223333=arn:aws:iam::111122223333:role/deployer;\n  444455556666 = arn:aws-cn:iam::444455556666:role/ci/deploy\n";

        Assert.IsTrue(task.Execute(), Logged());

        Assert.AreEqual(
            "111122223333=arn:aws:iam::111122223333:role/deployer 444455556666=arn:aws-cn:iam::444455556666:role/ci/deploy",
            string.Join(' ', captured!.Value.Settings.AccountRoles.ByAccount.Select(r => $"{r.Key}={r.Value}")));
    }

    [TestMethod]
    public void GitmoxiRestApiDeployStages_become_the_engine_options_stages_and_a_malformed_name_fails_before_the_engine_runs()
    {
        project.Write(DefinitionFile, "{}");
        var task = NewTask(Outcome(new Plan([], [])));
        task.RestApiDeployStages = "prod;beta, dev";

        Assert.IsTrue(task.Execute(), Logged());
        Assert.AreEqual("prod beta dev", string.Join(' ', captured!.Value.Options.RestApiDeployStages!));

        captured = null;
        var refused = NewTask(Outcome(new Plan([], [])));
        refused.RestApiDeployStages = "prod;pr od";

        Assert.IsFalse(refused.Execute());
        Assert.IsNull(captured);
        Assert.AreEqual(DiagnosticCodes.RestDeployStageInvalid, buildEngine.Errors.Single().Code);
    }

    [TestMethod]
    public void A_GitmoxiAccountRoles_role_of_another_account_fails_the_build_with_its_code_before_the_engine_runs()
    {
        project.Write(DefinitionFile, "{}");
        var task = NewTask(Outcome(new Plan([], [])));
        task.AccountRoles = "111122223333=arn:aws:iam::444455556666:role/deployer";

        Assert.IsFalse(task.Execute());

        Assert.IsNull(captured);
        var error = buildEngine.Errors.Single();
        Assert.AreEqual(DiagnosticCodes.AccountRoleMismatch, error.Code);
        Assert.AreEqual("GitmoxiAccountRoles entry 1: the role arn:aws:iam::444455556666:role/deployer is in the account 444455556666, not 111122223333.", error.Message);
    }

    [TestMethod]
    public void The_repository_identity_is_the_git_remote_origin_unless_the_property_names_another()
    {
        project.Write(".git/config", """
            [remote "upstream"]
            	url = https://github.com/someone/else.git
            [remote "origin"]
            	url = https://github.com/Octo/Shop.git
            """);
        project.Write(DefinitionFile, "{}");

        Assert.IsTrue(NewTask(Outcome(new Plan([], []))).Execute(), Logged());
        Assert.AreEqual("octo/shop", captured!.Value.Request.Repository);

        var named = NewTask(Outcome(new Plan([], [])));
        named.Repository = "octo/renamed";
        Assert.IsTrue(named.Execute(), Logged());
        Assert.AreEqual("octo/renamed", captured!.Value.Request.Repository);
    }

    [TestMethod]
    public void A_worktree_reads_the_origin_of_its_common_git_directory()
    {
        project.Write("main/.git/config", "[remote \"origin\"]\n\turl = git@github.com:octo/shop\n");
        project.Write("main/.git/worktrees/feature/commondir", "../..\n");
        project.Write("feature/.git", "gitdir: " + project.Combine("main/.git/worktrees/feature") + "\n");
        project.Write("feature/orders/x.txt", "");

        Assert.AreEqual("octo/shop", DeployEventSources.OriginRepository(project.Combine("feature/orders")));
        Assert.IsNull(DeployEventSources.OriginRepository(project.Path));
    }

    [TestMethod]
    public void Tools_defaults_supply_function_region_and_profile_that_the_properties_leave_empty()
    {
        project.Write(LambdaToolsDefaults.FileName, """
            {
              // Amazon.Lambda.Tools templates carry comments.
              "Information": ["This file provides default values for the deployment wizard."],
              "profile": "tools",
              "region": "eu-west-1",
              "function-name": "orders-from-defaults",
            }
            """);
        var task = NewTask(Outcome(new Plan([], [])));
        task.Profile = null;

        Assert.IsTrue(task.Execute(), Logged());

        var (settings, options, request) = captured!.Value;
        Assert.AreEqual(new RunRequest(project.Path, project.Path, RunMode.Apply, "orders-from-defaults", null), request);
        Assert.AreEqual(new EngineOptions(), options);
        Assert.AreEqual("eu-west-1", settings.Region);
        Assert.AreEqual("AKIDTOOLS", settings.Credentials.GetCredentials().AccessKey);
    }

    [TestMethod]
    public void A_definition_file_as_path_is_planned_with_its_folder_as_root()
    {
        var task = NewTask(Outcome(new Plan([], [])));
        task.Path = DefinitionFile;

        Assert.IsTrue(task.Execute(), Logged());

        Assert.AreEqual(project.Combine("orders"), captured!.Value.Request.RootDirectory);
        Assert.AreEqual(project.Combine(DefinitionFile), captured.Value.Request.Path);
    }

    [TestMethod]
    public void Diagnostics_become_errors_and_warnings_with_code_full_path_line_and_column()
    {
        var plan = new Plan([], [
            Diagnostic.Error("GMX2001", "Unknown key 'batchSize' in PullEventSources.EventSourceMapping; did you mean 'BatchSize'?", new SourceSpan(DefinitionFile, 5, 7)),
            Diagnostic.Warning("GMX2012", "AlaisStageVariableName is a misspelling of AliasStageVariableName.", new SourceSpan(DefinitionFile, 9, 11)),
            Diagnostic.Error("GMX4002", "AWS refused ListEventSourceMappings: AccessDeniedException."),
        ]);
        var task = NewTask(Outcome(plan));
        task.Path = "orders";

        Assert.IsFalse(task.Execute());

        var full = project.Combine(DefinitionFile);
        Assert.AreEqual(
            $"""
            {full}(5,7): error GMX2001: Unknown key 'batchSize' in PullEventSources.EventSourceMapping; did you mean 'BatchSize'?
            {FakeBuildEngine.ProjectFile}(0,0): error GMX4002: AWS refused ListEventSourceMappings: AccessDeniedException.
            {full}(9,11): warning GMX2012: AlaisStageVariableName is a misspelling of AliasStageVariableName.
            """,
            Logged());
        Assert.AreEqual("DeployEventSources", buildEngine.Errors[0].SenderName);
    }

    [TestMethod]
    public void Plan_is_logged_at_high_importance_in_the_actions_console_text()
    {
        var plan = SamplePlan();
        var task = NewTask(Outcome(plan));
        task.Mode = "plan";

        Assert.IsTrue(task.Execute(), Logged());

        CollectionAssert.AreEqual(new[] { PlanTextRenderer.Render(plan) }, buildEngine.HighImportanceMessages.ToList());
    }

    [TestMethod]
    public void Engine_progress_is_logged_at_normal_importance_while_the_run_goes_on()
    {
        var plan = SamplePlan();
        var task = NewTask(Outcome(plan));
        List<int> loggedBeforeTheOutcome = [];
        task.Runner = (_, _, _, logger, _) =>
        {
            using (logger.BeginScope("Applying the plan"))
            {
                Waiting(logger, "u-1");
                Detail(logger);
            }

            loggedBeforeTheOutcome.Add(buildEngine.Messages.Count);
            return Task.FromResult(Outcome(plan));
        };

        Assert.IsTrue(task.Execute(), Logged());

        var progress = buildEngine.Messages.Take(loggedBeforeTheOutcome.Single()).Select(m => (m.Importance, m.Message)).ToList();
        CollectionAssert.AreEqual(
            new List<(MessageImportance, string?)>
            {
                (MessageImportance.Normal, "Applying the plan"),
                (MessageImportance.Normal, "Waiting for event source mapping u-1 to settle"),
                (MessageImportance.Low, "detail"),
            },
            progress);
        Assert.IsEmpty(buildEngine.Warnings);
    }

    [TestMethod]
    public void Apply_logs_plan_then_result_and_writes_the_summary_file_and_the_job_summary()
    {
        var plan = SamplePlan();
        var result = new ApplyResult([new FunctionResult(plan.Functions[0], [new ChangeResult(plan.Functions[0].Changes[0], ChangeOutcome.Succeeded)])], []);
        var jobSummary = project.Write("github/step_summary.md", "earlier step\n");
        environment["GITHUB_STEP_SUMMARY"] = jobSummary;
        var task = NewTask(new RunOutcome(RunMode.Apply, plan, result));
        task.SummaryFile = "artifacts/gitmoxi.md";

        Assert.IsTrue(task.Execute(), Logged());

        CollectionAssert.AreEqual(
            new[] { PlanTextRenderer.Render(plan) + "\n" + ApplyResultTextRenderer.Render(result) },
            buildEngine.HighImportanceMessages.ToList());
        var markdown = ApplyResultMarkdownRenderer.Render(result);
        Assert.AreEqual(markdown, File.ReadAllText(project.Combine("artifacts/gitmoxi.md")));
        Assert.AreEqual("earlier step\n" + markdown + (markdown.EndsWith('\n') ? "" : "\n"), File.ReadAllText(jobSummary));
    }

    [TestMethod]
    public void Unknown_mode_is_an_error_and_nothing_runs()
    {
        var task = NewTask(Outcome(new Plan([], [])));
        task.Mode = "destroy";

        Assert.IsFalse(task.Execute());

        Assert.IsNull(captured);
        Assert.AreEqual($"{FakeBuildEngine.ProjectFile}(0,0): error GMX6001: GitmoxiMode must be 'plan' or 'apply', not 'destroy'.", Logged());
    }

    [TestMethod]
    public void Malformed_tools_defaults_is_an_error_at_its_position()
    {
        var defaults = project.Write(LambdaToolsDefaults.FileName, "{\n  \"region\": us-east-1\n}");
        var task = NewTask(Outcome(new Plan([], [])));

        Assert.IsFalse(task.Execute());

        Assert.IsNull(captured);
        var error = buildEngine.Errors.Single();
        Assert.AreEqual(("GMX6003", defaults, 2, 13), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        StringAssert.StartsWith(error.Message, "aws-lambda-tools-defaults.json is not valid JSON: ");
    }

    [TestMethod]
    public void Missing_region_is_an_aws_configuration_error()
    {
        environment["AWS_SHARED_CREDENTIALS_FILE"] = project.Combine("none");
        var task = NewTask(Outcome(new Plan([], [])));

        Assert.IsFalse(task.Execute());

        Assert.IsNull(captured);
        Assert.AreEqual(
            $"{FakeBuildEngine.ProjectFile}(0,0): error GMX6002: No AWS region is set: pass a region, set AWS_REGION or AWS_DEFAULT_REGION, or set 'region' in the AWS profile 'default'.",
            Logged());
    }

    [TestMethod]
    public void Unreachable_aws_is_an_error_without_a_stack_trace()
    {
        var task = NewTask(Outcome(new Plan([], [])));
        task.Runner = (_, _, _, _, _) => throw new AwsTransportException(
            "GetFunction", "GetFunction to Lambda failed after 6 attempt(s): Connection refused (127.0.0.1:1).", new HttpRequestException("Connection refused"));

        Assert.IsFalse(task.Execute());

        Assert.AreEqual(
            $"{FakeBuildEngine.ProjectFile}(0,0): error GMX6007: GetFunction to Lambda failed after 6 attempt(s): Connection refused (127.0.0.1:1).",
            Logged());
    }

    [TestMethod]
    public async Task Cancel_stops_the_run_and_fails_the_task()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var task = NewTask(Outcome(new Plan([], [])));
        task.Runner = async (_, _, _, _, cancellationToken) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
        };

        var execution = Task.Run(task.Execute, TestContext.CancellationToken);
        await started.Task.WaitAsync(TestContext.CancellationToken);
        task.Cancel();

        Assert.IsFalse(await execution);
        Assert.AreEqual(
            $"{FakeBuildEngine.ProjectFile}(0,0): error GMX6004: Canceled: changes made before the cancellation stay; run again to finish converging.",
            Logged());
    }

    [TestMethod]
    public void Cancel_while_apply_returns_a_partial_result_still_fails_the_task()
    {
        var plan = SamplePlan();
        var result = new ApplyResult([new FunctionResult(plan.Functions[0], [new ChangeResult(plan.Functions[0].Changes[0], ChangeOutcome.NotAttempted)])], []);
        using var task = NewTask(Outcome(plan));
        task.SummaryFile = "gitmoxi.md";
        task.Runner = (_, _, _, _, _) =>
        {
            task.Cancel();
            return Task.FromResult(new RunOutcome(RunMode.Apply, plan, result));
        };

        Assert.IsFalse(task.Execute());

        Assert.AreEqual("GMX6004", buildEngine.Errors.Single().Code);
        // What was and was not done is still recorded.
        Assert.AreEqual(ApplyResultMarkdownRenderer.Render(result), File.ReadAllText(project.Combine("gitmoxi.md")));
    }

    public TestContext TestContext { get; set; } = null!;

    private DeployEventSources NewTask(RunOutcome outcome) => new()
    {
        BuildEngine = buildEngine,
        ProjectDirectory = project.Path,
        Environment = environment,
        // A named profile keeps AWSSDK.Core's default chain (and its instance metadata probe) out of unit tests.
        Profile = "default",
        Runner = (settings, options, request, _, _) =>
        {
            captured = (settings, options, request);
            return Task.FromResult(outcome);
        },
    };

    private static RunOutcome Outcome(Plan plan) => new(RunMode.Plan, plan, null);

    private static Plan SamplePlan()
    {
        var change = new PlannedChange(
            ChangeAction.Create,
            ResourceKind.EventSourceMapping,
            "event-source-mapping sqs:orders-queue",
            null,
            null,
            [new FieldDiff("BatchSize", null, "10")],
            [],
            new SourceSpan(DefinitionFile, 3, 5));
        return new Plan(
            [new FunctionPlan("orders", "live", "arn:aws:lambda:us-east-1:123456789012:function:orders:live", DefinitionFile, [change], [])],
            []);
    }

    /// <summary>Errors then warnings, in MSBuild's canonical form.</summary>
    private string Logged() => string.Join(
        "\n",
        buildEngine.Errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): error {e.Code}: {e.Message}")
            .Concat(buildEngine.Warnings.Select(w => $"{w.File}({w.LineNumber},{w.ColumnNumber}): warning {w.Code}: {w.Message}")));

    [LoggerMessage(1, LogLevel.Information, "Waiting for event source mapping {Uuid} to settle")]
    private static partial void Waiting(ILogger logger, string uuid);

    [LoggerMessage(2, LogLevel.Debug, "detail")]
    private static partial void Detail(ILogger logger);
}
