using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests;

[TestClass]
public sealed class ActionSettingsTests
{
    private static ActionSettings Create(TempDirectory workspace, Dictionary<string, string> variables, Dictionary<string, string>? commandLine = null)
    {
        variables.TryAdd("GITHUB_WORKSPACE", workspace.Path);
        return ActionSettings.Create(new RunnerEnvironment(variables), commandLine ?? [], "/not-used");
    }

    private static string Error(TempDirectory workspace, Dictionary<string, string> variables) =>
        Assert.ThrowsExactly<GitmoxiException>(() => Create(workspace, variables)).Message;

    [TestMethod]
    public void Defaults_follow_the_spec()
    {
        using var workspace = new TempDirectory();

        var settings = Create(workspace, []);

        Assert.AreEqual(
            new ActionSettings(
                workspace.Path, workspace.Path, ActionMode.Apply, null, null, Prune: false, Wait: true,
                TimeSpan.FromSeconds(300), null, null, null, new AwsEndpoints(null, null, null, null)),
            settings);
    }

    [TestMethod]
    public void Every_input_is_read_from_its_variable()
    {
        using var workspace = new TempDirectory();
        workspace.File("defs/orders_lambdaeventsourcedef.json", "{}");

        var settings = Create(workspace, new()
        {
            ["INPUT_PATH"] = "defs",
            ["INPUT_MODE"] = "plan",
            ["INPUT_FUNCTION-NAME"] = "orders",
            ["INPUT_FUNCTION-ALIAS"] = "live",
            ["INPUT_PRUNE"] = "true",
            ["INPUT_WAIT"] = "False",
            ["INPUT_WAIT-TIMEOUT"] = "60",
            ["INPUT_PLAN-FILE"] = "out/plan.json",
            ["INPUT_AWS-REGION"] = "eu-west-1",
            ["INPUT_ROLE-TO-ASSUME"] = "arn:aws:iam::123456789012:role/ci/deploy",
            ["INPUT_AUDIENCE"] = "sts.amazonaws.com.cn",
            ["INPUT_ROLE-SESSION-NAME"] = "gitmoxi@run-42",
            ["INPUT_ROLE-DURATION-SECONDS"] = "900",
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000",
            ["AWS_ENDPOINT_URL_LAMBDA"] = "http://127.0.0.1:5001",
        });

        Assert.AreEqual(
            new ActionSettings(
                workspace.Path, Path.Combine(workspace.Path, "defs"), ActionMode.Plan, "orders", "live", Prune: true, Wait: false,
                TimeSpan.FromSeconds(60), Path.Combine(workspace.Path, "out", "plan.json"), "eu-west-1",
                new RoleSettings("arn:aws:iam::123456789012:role/ci/deploy", "sts.amazonaws.com.cn", "gitmoxi@run-42", 900),
                new AwsEndpoints("http://127.0.0.1:5000", "http://127.0.0.1:5001", "http://127.0.0.1:5000", "http://127.0.0.1:5000")),
            settings);
    }

    [TestMethod]
    public void Account_roles_are_read_one_per_line_skipping_blank_and_comment_lines()
    {
        using var workspace = new TempDirectory();

        var settings = Create(workspace, new()
        {
            ["INPUT_ACCOUNT-ROLES"] = "# production\n111122223333=arn:aws:iam::111122223333:role/deployer\n\n444455556666 = arn:aws-us-gov:iam::444455556666:role/ci/deploy\n",
        });

        Assert.AreEqual(
            "111122223333=arn:aws:iam::111122223333:role/deployer 444455556666=arn:aws-us-gov:iam::444455556666:role/ci/deploy",
            string.Join(' ', settings.AccountRoles.ByAccount.Select(r => $"{r.Key}={r.Value}")));
        Assert.IsEmpty(Create(workspace, []).AccountRoles.ByAccount);
    }

    [TestMethod]
    [DataRow("111122223333 arn:aws:iam::111122223333:role/deployer", "GMX6111",
        "account-roles entry 1: '111122223333 arn:aws:iam::111122223333:role/deployer' is not ACCOUNT=ROLE_ARN (e.g. 111122223333=arn:aws:iam::111122223333:role/deployer).")]
    [DataRow("1111=arn:aws:iam::111122223333:role/deployer", "GMX6111", "account-roles entry 1: '1111' is not an AWS account id (12 digits).")]
    [DataRow("111122223333=arn:aws:iam::111122223333:user/ci", "GMX6111",
        "account-roles entry 1: 'arn:aws:iam::111122223333:user/ci' is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME).")]
    [DataRow("111122223333=arn:aws:iam::111122223333:role/a\n111122223333=arn:aws:iam::111122223333:role/b", "GMX6111",
        "account-roles entry 2: the account 111122223333 is given a role twice.")]
    [DataRow("# staging\n111122223333=arn:aws:iam::444455556666:role/deployer", "GMX6112",
        "account-roles entry 2: the role arn:aws:iam::444455556666:role/deployer is in the account 444455556666, not 111122223333.")]
    public void A_malformed_account_roles_map_fails_with_its_own_code_naming_the_entry(string value, string code, string message)
    {
        using var workspace = new TempDirectory();

        var error = Assert.ThrowsExactly<GitmoxiException>(() => Create(workspace, new() { ["INPUT_ACCOUNT-ROLES"] = value }));

        Assert.AreEqual(code, error.Code);
        Assert.AreEqual(message, error.Message);
    }

    [TestMethod]
    public void Rest_api_deploy_stages_are_names_separated_by_lines_or_commas_and_none_when_empty()
    {
        using var workspace = new TempDirectory();

        var settings = Create(workspace, new() { ["INPUT_REST-API-DEPLOY-STAGES"] = "prod, beta\n\n  staging_2 \nprod\n" });

        Assert.AreEqual("prod beta staging_2", string.Join(' ', settings.RestApiDeployStages!));
        Assert.IsNull(Create(workspace, []).RestApiDeployStages);
        Assert.IsNull(Create(workspace, new() { ["INPUT_REST-API-DEPLOY-STAGES"] = " \n, " }).RestApiDeployStages);
    }

    [TestMethod]
    public void A_rest_api_deploy_stage_api_gateway_would_refuse_fails_with_its_own_code()
    {
        using var workspace = new TempDirectory();

        var error = Assert.ThrowsExactly<GitmoxiException>(() => Create(workspace, new() { ["INPUT_REST-API-DEPLOY-STAGES"] = "prod\nprod/v1" }));

        Assert.AreEqual(DiagnosticCodes.RestDeployStageInvalid, error.Code);
        Assert.AreEqual(
            "rest-api-deploy-stages: 'prod/v1' is not a REST API stage name (letters, digits, '-' and '_', at most 128 characters); separate names with new lines or commas.",
            error.Message);
    }

    [TestMethod]
    public void The_repository_identity_is_github_repository_unless_the_input_names_another()
    {
        using var workspace = new TempDirectory();

        Assert.IsNull(Create(workspace, []).Repository);
        Assert.AreEqual("octo/shop", Create(workspace, new() { ["GITHUB_REPOSITORY"] = "octo/shop" }).Repository);
        Assert.AreEqual(
            "octo/renamed", Create(workspace, new() { ["GITHUB_REPOSITORY"] = "octo/shop", ["INPUT_REPOSITORY"] = "octo/renamed" }).Repository);
    }

    [TestMethod]
    [DataRow("pull_request", ActionMode.Plan)]
    [DataRow("pull_request_target", ActionMode.Plan)]
    [DataRow("pull_request_review", ActionMode.Plan)]
    [DataRow("push", ActionMode.Apply)]
    [DataRow("workflow_dispatch", ActionMode.Apply)]
    [DataRow("", ActionMode.Apply)]
    public void Auto_mode_plans_on_pull_request_events_and_applies_otherwise(string eventName, ActionMode expected)
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(expected, Create(workspace, new() { ["GITHUB_EVENT_NAME"] = eventName, ["INPUT_MODE"] = "auto" }).Mode);
        Assert.AreEqual(expected, Create(workspace, new() { ["GITHUB_EVENT_NAME"] = eventName }).Mode);
    }

    [TestMethod]
    [DataRow("pull_request", PlanScope.Changed)]
    [DataRow("pull_request_target", PlanScope.Changed)]
    [DataRow("push", PlanScope.All)]
    [DataRow("workflow_dispatch", PlanScope.All)]
    [DataRow("", PlanScope.All)]
    public void Scope_defaults_to_changed_on_pull_request_events_and_all_otherwise(string eventName, PlanScope expected)
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(expected, Create(workspace, new() { ["GITHUB_EVENT_NAME"] = eventName }).Scope);
        Assert.AreEqual(PlanScope.All, Create(workspace, new() { ["GITHUB_EVENT_NAME"] = eventName, ["INPUT_SCOPE"] = "All" }).Scope);
    }

    [TestMethod]
    public void Scope_changed_outside_a_pull_request_and_an_unknown_scope_are_input_errors()
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(
            "Input 'scope': changed compares a pull request's base and head, so it needs a pull_request* event; this is 'push'. Use scope: all.",
            Error(workspace, new() { ["GITHUB_EVENT_NAME"] = "push", ["INPUT_SCOPE"] = "changed" }));
        Assert.AreEqual(
            "Input 'scope' must be changed or all; got 'diff'.",
            Error(workspace, new() { ["GITHUB_EVENT_NAME"] = "pull_request", ["INPUT_SCOPE"] = "diff" }));
    }

    [TestMethod]
    public void An_explicit_mode_wins_over_the_event()
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(ActionMode.Apply, Create(workspace, new() { ["GITHUB_EVENT_NAME"] = "pull_request", ["INPUT_MODE"] = "apply" }).Mode);
        Assert.AreEqual(ActionMode.Plan, Create(workspace, new() { ["GITHUB_EVENT_NAME"] = "push", ["INPUT_MODE"] = "Plan" }).Mode);
    }

    [TestMethod]
    public void Command_line_flags_override_inputs()
    {
        using var workspace = new TempDirectory();

        var settings = Create(workspace, new() { ["INPUT_MODE"] = "apply", ["INPUT_PRUNE"] = "false" }, new() { ["mode"] = "plan", ["prune"] = "true" });

        Assert.AreEqual(ActionMode.Plan, settings.Mode);
        Assert.IsTrue(settings.Prune);
    }

    [TestMethod]
    public void Workspace_defaults_to_the_current_directory()
    {
        using var workspace = new TempDirectory();

        var settings = ActionSettings.Create(new RunnerEnvironment([]), new Dictionary<string, string>(), workspace.Path);

        Assert.AreEqual(workspace.Path, settings.Workspace);
        Assert.AreEqual(workspace.Path, settings.Path);
    }

    [TestMethod]
    [DataRow("..")]
    [DataRow("../elsewhere")]
    [DataRow("defs/../../elsewhere")]
    [DataRow("/etc")]
    public void A_path_outside_the_workspace_is_refused(string path)
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(
            $"Input 'path': '{path}' is outside the workspace {workspace.Path}; only paths inside it are allowed.",
            Error(workspace, new() { ["INPUT_PATH"] = path }));
        Assert.AreEqual(
            $"Input 'plan-file': '{path}' is outside the workspace {workspace.Path}; only paths inside it are allowed.",
            Error(workspace, new() { ["INPUT_PLAN-FILE"] = path }));
    }

    [TestMethod]
    public void Paths_inside_the_workspace_are_accepted_in_any_spelling()
    {
        using var workspace = new TempDirectory();
        workspace.File("a/b/x_lambdaeventsourcedef.json");

        Assert.AreEqual(Path.Combine(workspace.Path, "a", "b"), Create(workspace, new() { ["INPUT_PATH"] = "a/./c/../b/" }).Path);
        Assert.AreEqual(Path.Combine(workspace.Path, "a"), Create(workspace, new() { ["INPUT_PATH"] = Path.Combine(workspace.Path, "a") }).Path);
    }

    [TestMethod]
    public void A_path_that_does_not_exist_is_refused()
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual($"Input 'path': 'missing' does not exist in the workspace {workspace.Path}.", Error(workspace, new() { ["INPUT_PATH"] = "missing" }));
    }

    [TestMethod]
    public void Every_invalid_input_is_reported_at_once_by_name()
    {
        using var workspace = new TempDirectory();

        var message = Error(workspace, new()
        {
            ["INPUT_MODE"] = "deploy",
            ["INPUT_PRUNE"] = "yes",
            ["INPUT_WAIT-TIMEOUT"] = "5m",
            ["INPUT_AWS-REGION"] = "EU West",
            ["INPUT_ROLE-TO-ASSUME"] = "deploy",
        });

        Assert.AreEqual(
            "Input 'mode' must be plan, apply or auto; got 'deploy'.\n"
            + "Input does not meet YAML 1.2 \"Core Schema\" specification: prune\nSupport boolean input list: `true | True | TRUE | false | False | FALSE`\n"
            + "Input 'wait-timeout' must be a whole number of seconds from 1 to 21600; got '5m'.\n"
            + "Input 'aws-region' must be an AWS region name such as us-east-1; got 'EU West'.\n"
            + "Input 'role-to-assume' must be an IAM role ARN such as arn:aws:iam::123456789012:role/deploy; got 'deploy'.",
            message);
    }

    [TestMethod]
    [DataRow("a")]
    [DataRow("has space")]
    [DataRow("ünicode")]
    [DataRow("x123456789x123456789x123456789x123456789x123456789x123456789x1234")]
    public void Role_session_name_must_be_2_to_64_sts_characters(string name)
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(
            $"Input 'role-session-name' must be 2 to 64 characters of letters, digits and +=,.@_-; got '{name}'.",
            Error(workspace, new() { ["INPUT_AWS-REGION"] = "us-east-1", ["INPUT_ROLE-TO-ASSUME"] = "arn:aws:iam::123456789012:role/deploy", ["INPUT_ROLE-SESSION-NAME"] = name }));
    }

    [TestMethod]
    [DataRow("899")]
    [DataRow("43201")]
    [DataRow("-900")]
    [DataRow("1h")]
    public void Role_duration_must_be_900_to_43200_seconds(string duration)
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(
            $"Input 'role-duration-seconds' must be a whole number of seconds from 900 to 43200; got '{duration}'.",
            Error(workspace, new() { ["INPUT_AWS-REGION"] = "us-east-1", ["INPUT_ROLE-TO-ASSUME"] = "arn:aws:iam::123456789012:role/deploy", ["INPUT_ROLE-DURATION-SECONDS"] = duration }));
    }

    [TestMethod]
    public void Role_defaults_follow_configure_aws_credentials()
    {
        using var workspace = new TempDirectory();

        var settings = Create(workspace, new() { ["AWS_REGION"] = "us-east-2", ["INPUT_ROLE-TO-ASSUME"] = "arn:aws-us-gov:iam::123456789012:role/deploy" });

        Assert.AreEqual(new RoleSettings("arn:aws-us-gov:iam::123456789012:role/deploy", "sts.amazonaws.com", "GitHubActions", 3600), settings.Role);
    }

    [TestMethod]
    public void Region_comes_from_the_input_then_aws_region_then_aws_default_region()
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual("eu-west-1", Create(workspace, new() { ["INPUT_AWS-REGION"] = "eu-west-1", ["AWS_REGION"] = "us-east-1", ["AWS_DEFAULT_REGION"] = "us-west-2" }).Region);
        Assert.AreEqual("us-east-1", Create(workspace, new() { ["AWS_REGION"] = "us-east-1", ["AWS_DEFAULT_REGION"] = "us-west-2" }).Region);
        Assert.AreEqual("us-west-2", Create(workspace, new() { ["AWS_DEFAULT_REGION"] = "us-west-2" }).Region);
        Assert.AreEqual("AWS_REGION must be an AWS region name such as us-east-1; got 'Mars'.", Error(workspace, new() { ["AWS_REGION"] = "Mars" }));
    }

    [TestMethod]
    public void Assuming_a_role_needs_a_region()
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(
            "Input 'aws-region' is required with 'role-to-assume' (or set AWS_REGION).",
            Error(workspace, new() { ["INPUT_ROLE-TO-ASSUME"] = "arn:aws:iam::123456789012:role/deploy" }));
    }

    [TestMethod]
    public void Sts_endpoint_prefers_its_own_variable()
    {
        using var workspace = new TempDirectory();

        var settings = Create(workspace, new() { ["AWS_ENDPOINT_URL"] = "http://general", ["AWS_ENDPOINT_URL_STS"] = "http://sts" });

        Assert.AreEqual(new AwsEndpoints("http://sts", "http://general", "http://general", "http://general"), settings.Endpoints);
    }

    [TestMethod]
    public void Wait_timeout_is_validated()
    {
        using var workspace = new TempDirectory();

        Assert.AreEqual(TimeSpan.FromSeconds(21600), Create(workspace, new() { ["INPUT_WAIT-TIMEOUT"] = "21600" }).WaitTimeout);
        Assert.AreEqual(
            "Input 'wait-timeout' must be a whole number of seconds from 1 to 21600; got '0'.",
            Error(workspace, new() { ["INPUT_WAIT-TIMEOUT"] = "0" }));
    }
}
