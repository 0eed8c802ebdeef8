using System.Net;
using Amazon.Runtime;
using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.Action.Tests.GitHub;

/// <summary>The plan comment through the host, against a fake GitHub REST API on loopback.</summary>
[TestClass]
public sealed class PullRequestCommentTests
{
    private const string Token = "ghs_FakeInstallationToken0123456789abcdef";
    private const string Repository = "octo/app";
    private const long Number = 7;
    private const string Marker = "<!-- gitmoxi-lambda-sources:plan workflow=Lambda%20sources job=plan path=. -->";

    private static readonly Plan CreatePlan = new(
        [
            new FunctionPlan(
                "orders", "live", "arn:aws:lambda:us-east-1:123456789012:function:orders:live", "orders/orders_lambdaeventsourcedef.json",
                [
                    new PlannedChange(
                        ChangeAction.Create, ResourceKind.EventSourceMapping, "event-source-mapping sqs:orders-queue", null, null,
                        [new FieldDiff("BatchSize", null, "10")], [], null),
                ],
                []),
        ],
        []);

    private sealed class FakeEngine(Plan plan, bool succeeded = true) : IActionRunner
    {
        public Task<ActionOutcome> RunAsync(ActionSettings settings, AWSCredentials? credentials, CancellationToken cancellationToken)
        {
            var totals = plan.Totals;
            return Task.FromResult(new ActionOutcome(
                "## Plan\n", "", [], new ActionOutputs(totals.HasChanges, totals.Create, 0, 0, 0, null), succeeded,
                new RunOutcome(RunMode.Plan, plan, null)));
        }
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr, string Summary, string Outputs)
    {
        public IEnumerable<string> Channels => [Stdout, Stderr, Summary, Outputs];

        /// <summary>The log less the <c>::add-mask::</c> lines, which must hold the secret to register it.</summary>
        public string LogWithoutMasks => string.Join('\n', Stdout.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));

        public IEnumerable<string> Annotations => Stdout.Split('\n').Where(l => l.StartsWith("::warning", StringComparison.Ordinal) || l.StartsWith("::notice", StringComparison.Ordinal));
    }

    private static string PullRequestEvent(string headRepository = Repository) => $$"""
        {
          "action": "synchronize",
          "number": {{Number}},
          "pull_request": {
            "number": {{Number}},
            "head": { "sha": "0123456789abcdef0123456789abcdef01234567", "repo": { "full_name": "{{headRepository}}" } },
            "base": { "sha": "fedcba9876543210fedcba9876543210fedcba98", "repo": { "full_name": "{{Repository}}" } }
          }
        }
        """;

    private static async Task<Run> RunAsync(
        FakeGitHubApi api,
        IActionRunner? engine = null,
        string eventName = "pull_request",
        string? payload = null,
        Dictionary<string, string>? variables = null,
        TimeSpan? httpTimeout = null)
    {
        using var workspace = new TempDirectory();
        variables ??= [];
        variables.TryAdd("GITHUB_ACTIONS", "true");
        variables.TryAdd("GITHUB_WORKSPACE", workspace.Path);
        variables.TryAdd("GITHUB_OUTPUT", workspace.File("_runner_file_commands/set_output_1"));
        variables.TryAdd("GITHUB_STEP_SUMMARY", workspace.File("_runner_file_commands/step_summary_1"));
        variables.TryAdd("GITHUB_EVENT_NAME", eventName);
        variables.TryAdd("GITHUB_EVENT_PATH", workspace.File("_github_workflow/event.json", payload ?? PullRequestEvent()));
        variables.TryAdd("GITHUB_REPOSITORY", Repository);
        variables.TryAdd("GITHUB_API_URL", api.BaseUrl);
        variables.TryAdd("GITHUB_SERVER_URL", "https://github.com");
        variables.TryAdd("GITHUB_RUN_ID", "4242");
        variables.TryAdd("GITHUB_RUN_ATTEMPT", "2");
        variables.TryAdd("GITHUB_WORKFLOW", "Lambda sources");
        variables.TryAdd("GITHUB_JOB", "plan");
        variables.TryAdd("INPUT_COMMENT-ON-PR", "true");
        variables.TryAdd("INPUT_GITHUB-TOKEN", Token);
        variables.TryAdd("INPUT_SCOPE", "all");
        var ids = 0;
        var options = HostOptions.Default with { NewId = () => $"id-{++ids}", HttpTimeout = httpTimeout ?? TimeSpan.FromSeconds(10) };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode;
        using (var console = new ActionConsole(stdout, stderr))
        {
            exitCode = await new ActionHost(new RunnerEnvironment(variables), console, engine ?? new FakeEngine(CreatePlan), options)
                .RunAsync([], workspace.Path, CancellationToken.None);
        }

        return new Run(
            exitCode, stdout.ToString(), stderr.ToString(),
            File.ReadAllText(variables["GITHUB_STEP_SUMMARY"]), File.ReadAllText(variables["GITHUB_OUTPUT"]));
    }

    [TestMethod]
    public async Task Creates_one_comment_with_the_plan_when_none_has_the_marker()
    {
        using var api = new FakeGitHubApi(Repository, Number);
        api.Seed(Number, "Looks good to me");

        var run = await RunAsync(api);

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.AreEqual(
            "GET /repos/octo/app/issues/7/comments?per_page=100\nPOST /repos/octo/app/issues/7/comments",
            string.Join('\n', api.Requests.Select(r => $"{r.Method} {r.PathAndQuery}")));
        foreach (var request in api.Requests)
        {
            Assert.AreEqual("Bearer " + Token, request.Headers["Authorization"]);
            Assert.AreEqual("application/vnd.github+json", request.Headers["Accept"]);
            Assert.AreEqual("2022-11-28", request.Headers["X-GitHub-Api-Version"]);
            Assert.AreEqual("gitmoxi-lambda-sources", request.Headers["User-Agent"]);
        }

        Assert.AreEqual(
            Marker + """

            ### Lambda event sources: plan for <code>.</code>

            **Plan:** 1 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.<br>
            **Has changes:** yes · commit <code>0123456789ab</code>

            <details><summary><code>arn:aws:lambda:us-east-1:123456789012:function:orders:live</code>: 1 to create</summary>

            ### <code>arn:aws:lambda:us-east-1:123456789012:function:orders:live</code>

            Defined in <code>orders/orders&#95;lambdaeventsourcedef.json</code>

            | | Action | Resource | Summary |
            |---|---|---|---|
            | `+` | create | event-source-mapping sqs:orders-queue | BatchSize |

            <details><summary>+ create event-source-mapping sqs:orders-queue</summary>

            | Field | Before | After |
            |---|---|---|
            | BatchSize | <em>absent</em> | <code>10</code> |

            </details>

            </details>


            The whole plan is in the run's [job summary](https://github.com/octo/app/actions/runs/4242/attempts/2).

            """,
            api.Comments(Number)[1].Body);
        StringAssert.Contains(run.Stdout, "Commented the plan on pull request #7.\n");
        Assert.IsFalse(run.Annotations.Any(), run.Stdout);
    }

    [TestMethod]
    public async Task A_second_run_finds_the_comment_by_its_marker_and_updates_it_in_place()
    {
        using var api = new FakeGitHubApi(Repository, Number);
        await RunAsync(api);
        var first = api.Comments(Number).Single();
        var noChanges = new Plan([CreatePlan.Functions[0] with { Changes = [CreatePlan.Functions[0].Changes[0] with { Action = ChangeAction.NoOp, Fields = [] }] }], []);

        var run = await RunAsync(api, new FakeEngine(noChanges));

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        var comment = api.Comments(Number).Single();
        Assert.AreEqual(first.Id, comment.Id);
        Assert.AreEqual($"PATCH /repos/octo/app/issues/comments/{first.Id}", $"{api.Requests[^1].Method} {api.Requests[^1].PathAndQuery}");
        StringAssert.StartsWith(comment.Body, Marker + "\n### Lambda event sources: plan for <code>.</code>\n\n**Plan:** 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.<br>\n**Has changes:** no");
        StringAssert.Contains(comment.Body, "_1 of 1 functions have no changes._\n");
        StringAssert.Contains(run.Stdout, "Updated the plan comment on pull request #7.\n");
    }

    [TestMethod]
    public async Task The_marker_is_found_on_a_later_page_of_comments()
    {
        using var api = new FakeGitHubApi(Repository, Number);
        for (var i = 0; i < 150; i++)
        {
            api.Seed(Number, $"comment {i}");
        }

        var ours = api.Seed(Number, Marker + "\nan older plan");
        api.Seed(Number, "a later remark");

        var run = await RunAsync(api);

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.AreEqual(
            "GET /repos/octo/app/issues/7/comments?per_page=100\n"
            + "GET /repos/octo/app/issues/7/comments?per_page=100&page=2\n"
            + $"PATCH /repos/octo/app/issues/comments/{ours}",
            string.Join('\n', api.Requests.Select(r => $"{r.Method} {r.PathAndQuery}")));
        Assert.HasCount(152, api.Comments(Number));
        StringAssert.StartsWith(api.Comments(Number)[150].Body, Marker + "\n### Lambda event sources: plan");
    }

    [TestMethod]
    public async Task Another_path_or_job_keeps_its_own_comment()
    {
        using var api = new FakeGitHubApi(Repository, Number);
        await RunAsync(api);

        await RunAsync(api, variables: new() { ["GITHUB_JOB"] = "plan-staging" });

        var comments = api.Comments(Number);
        Assert.HasCount(2, comments);
        StringAssert.StartsWith(comments[1].Body, "<!-- gitmoxi-lambda-sources:plan workflow=Lambda%20sources job=plan-staging path=. -->\n");
    }

    [TestMethod]
    [DataRow(true, 0)]
    [DataRow(false, 1)]
    public async Task A_token_without_pull_request_write_gives_a_warning_and_leaves_the_exit_code(bool succeeded, int exitCode)
    {
        using var api = new FakeGitHubApi(Repository, Number) { Refuse = (HttpStatusCode.Forbidden, "Resource not accessible by integration") };

        var run = await RunAsync(api, new FakeEngine(CreatePlan, succeeded));

        Assert.AreEqual(exitCode, run.ExitCode, run.Stdout);
        Assert.AreEqual(
            "::warning::The plan was not commented on the pull request: GitHub refused the token (HTTP 403 Forbidden: Resource not accessible by integration). "
            + "Grant the job `permissions: pull-requests: write`. The plan is in the job summary.",
            run.Annotations.Single());
        Assert.HasCount(1, api.Requests, "nothing is tried after the refusal");
    }

    [TestMethod]
    public async Task A_missing_pull_request_gives_a_warning()
    {
        using var api = new FakeGitHubApi(Repository);

        var run = await RunAsync(api);

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.AreEqual(
            "::warning::The plan was not commented on the pull request: GitHub found no such pull request or repository for this token "
            + "(HTTP 404 NotFound: Not Found). The plan is in the job summary.",
            run.Annotations.Single());
    }

    [TestMethod]
    public async Task A_slow_api_gives_a_warning_after_the_timeout()
    {
        using var api = new FakeGitHubApi(Repository, Number) { Delay = TimeSpan.FromSeconds(3) };

        var run = await RunAsync(api, httpTimeout: TimeSpan.FromMilliseconds(300));

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.AreEqual(
            "::warning::The plan was not commented on the pull request: GitHub did not answer within 0.3 s. The plan is in the job summary.",
            run.Annotations.Single());
    }

    [TestMethod]
    public async Task A_pull_request_from_a_fork_makes_no_api_call_and_gives_a_notice()
    {
        using var api = new FakeGitHubApi(Repository, Number);

        var run = await RunAsync(api, payload: PullRequestEvent(headRepository: "stranger/app"));

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.IsEmpty(api.Requests);
        Assert.AreEqual(
            "::notice::The plan is not commented on pull request #7: it comes from the fork stranger/app, and GitHub gives pull_request "
            + "workflows from forks a read-only token. The plan is in the job summary.",
            run.Annotations.Single());
    }

    [TestMethod]
    public async Task A_pull_request_target_run_comments_on_a_fork_pull_request()
    {
        using var api = new FakeGitHubApi(Repository, Number);

        var run = await RunAsync(api, eventName: "pull_request_target", payload: PullRequestEvent(headRepository: "stranger/app"));

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.HasCount(1, api.Comments(Number));
    }

    [TestMethod]
    [DataRow("push", "true")]
    [DataRow("pull_request", "false")]
    public async Task Nothing_is_commented_off_pull_requests_or_without_the_input(string eventName, string commentOnPr)
    {
        using var api = new FakeGitHubApi(Repository, Number);

        var run = await RunAsync(api, eventName: eventName, variables: new() { ["INPUT_COMMENT-ON-PR"] = commentOnPr });

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.IsEmpty(api.Requests);
        Assert.IsFalse(run.Annotations.Any(), run.Stdout);
    }

    [TestMethod]
    public async Task A_next_page_on_another_host_is_not_followed_with_the_token()
    {
        using var other = new FakeGitHubApi(Repository, Number);
        using var api = new FakeGitHubApi(Repository, Number);
        for (var i = 0; i < 100; i++)
        {
            api.Seed(Number, $"comment {i}");
        }

        api.LinkBase = other.BaseUrl;

        var run = await RunAsync(api);

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.IsEmpty(other.Requests);
        Assert.AreEqual("GET POST", string.Join(' ', api.Requests.Select(r => r.Method)));
    }

    [TestMethod]
    public async Task The_token_is_masked_first_and_never_appears_in_the_log_summary_outputs_or_comment()
    {
        using var api = new FakeGitHubApi(Repository, Number) { Refuse = (HttpStatusCode.Unauthorized, "Bad credentials " + Token) };

        var run = await RunAsync(api);

        var firstMask = run.Stdout.IndexOf("::add-mask::" + Token + "\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, firstMask, run.Stdout);
        Assert.AreEqual(firstMask + "::add-mask::".Length, run.Stdout.IndexOf(Token, StringComparison.Ordinal), "masked before anything else prints it");
        foreach (var text in run.Channels.Skip(1).Prepend(run.LogWithoutMasks))
        {
            Assert.DoesNotContain(Token, text);
        }

        StringAssert.Contains(run.Annotations.Single(), "Bad credentials ***");
    }

    [TestMethod]
    [DataRow("INPUT_GITHUB-TOKEN", "", "the github-token input is empty.")]
    [DataRow("GITHUB_REPOSITORY", "", "GITHUB_REPOSITORY is not set.")]
    [DataRow("GITHUB_EVENT_PATH", "", "the event payload (GITHUB_EVENT_PATH) names no pull request.")]
    [DataRow("GITHUB_API_URL", "not a url", "An invalid request URI was provided. Either the request URI must be an absolute URI or BaseAddress must be set.")]
    public async Task What_the_runner_did_not_provide_gives_a_warning_without_an_api_call(string variable, string value, string reason)
    {
        using var api = new FakeGitHubApi(Repository, Number);

        var run = await RunAsync(api, variables: new() { [variable] = value });

        Assert.AreEqual(0, run.ExitCode, run.Stdout);
        Assert.IsEmpty(api.Requests);
        Assert.AreEqual($"::warning::The plan was not commented on the pull request: {reason} The plan is in the job summary.", run.Annotations.Single());
    }

    [TestMethod]
    public void The_settings_never_print_the_token()
    {
        using var workspace = new TempDirectory();
        var environment = new RunnerEnvironment(new Dictionary<string, string>
        {
            ["GITHUB_WORKSPACE"] = workspace.Path,
            ["INPUT_COMMENT-ON-PR"] = "true",
            ["INPUT_GITHUB-TOKEN"] = Token,
        });

        var settings = ActionSettings.Create(environment, new Dictionary<string, string>(), workspace.Path);

        Assert.AreEqual(Token, settings.PullRequestComment?.Token);
        Assert.DoesNotContain(Token, settings.ToString());
        StringAssert.Contains(settings.ToString(), "PullRequestComment = PullRequestCommentSettings { Token = *** }");
    }
}
