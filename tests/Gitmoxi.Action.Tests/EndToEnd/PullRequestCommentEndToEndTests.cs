using Gitmoxi.Action.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// The real entrypoint on a simulated <c>pull_request</c> event: AWS is the emulator, GitHub's REST API a fake on
/// loopback; the plan lands in one comment that later runs update.
/// </summary>
[TestClass]
public sealed class PullRequestCommentEndToEndTests(TestContext testContext) : ActionRunnerFixture<PullRequestCommentEndToEndTests>
{
    private const string Token = "ghs_EndToEndInstallationToken9876543210";
    private const string Repository = "octo/shop";
    private const long Number = 12;
    private const string RunUrl = "https://github.com/octo/shop/actions/runs/777/attempts/1";

    private CancellationToken Cancellation => testContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize() => await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);

    private Task<ActionRun> RunAsync(FakeGitHubApi api, string headSha)
    {
        var variables = SimulatedRunner.StaticCredentials();
        // Beside the workspace, as the runner mounts /github/workflow/event.json beside /github/workspace.
        variables["GITHUB_EVENT_PATH"] = runner.WriteFile("../workflow/event.json", $$"""
            {
              "action": "synchronize",
              "number": {{Number}},
              "pull_request": {
                "number": {{Number}},
                "head": { "sha": "{{headSha}}", "repo": { "full_name": "{{Repository}}" } },
                "base": { "sha": "1111111111111111111111111111111111111111", "repo": { "full_name": "{{Repository}}" } }
              }
            }
            """);
        variables["GITHUB_REPOSITORY"] = Repository;
        variables["GITHUB_API_URL"] = api.BaseUrl;
        variables["GITHUB_SERVER_URL"] = "https://github.com";
        variables["GITHUB_RUN_ID"] = "777";
        variables["GITHUB_RUN_ATTEMPT"] = "1";
        variables["GITHUB_WORKFLOW"] = "Lambda event sources";
        variables["GITHUB_JOB"] = "lambda-sources";
        return runner.RunAsync(
            "pull_request",
            new Dictionary<string, string> { ["path"] = "examples/repository", ["comment-on-pr"] = "true", ["github-token"] = Token, ["scope"] = "all" },
            variables,
            Cancellation);
    }

    [TestMethod]
    public async Task A_pull_request_plan_is_commented_once_and_updated_in_place_on_the_next_push()
    {
        using var api = new FakeGitHubApi(Repository, Number);
        api.Seed(Number, "Please review");

        var first = await RunAsync(api, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        Assert.AreEqual(0, first.ExitCode, first.ToString());
        var comment = api.Comments(Number)[1];
        const string Marker = "<!-- gitmoxi-lambda-sources:plan workflow=Lambda%20event%20sources job=lambda-sources path=examples%2Frepository -->";
        Assert.StartsWith(
            Marker + "\n### Lambda event sources: plan for <code>examples/repository</code>\n\n"
            + "**Plan:** 16 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.<br>\n"
            + "**Has changes:** yes · commit <code>aaaaaaaaaaaa</code>\n\n"
            + "<details><summary><code>arn:aws:lambda:us-east-1:123456789012:function:alerts:live</code>: ",
            comment.Body,
            comment.Body);
        StringAssert.Contains(comment.Body, "| `+` | create | event-source-mapping sqs:orders-queue |", comment.Body);
        StringAssert.Contains(comment.Body, "| `+` | create | target-registration elb:web |", comment.Body);
        Assert.EndsWith($"\nThe whole plan is in the run's [job summary]({RunUrl}).\n", comment.Body);
        Assert.AreEqual(0, (await emulator.GetRequestCountsAsync(Cancellation)).Writes, "a pull request only plans");

        var second = await RunAsync(api, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        Assert.HasCount(2, api.Comments(Number), "the plan comment is updated, not repeated");
        Assert.AreEqual(comment.Id, api.Comments(Number)[1].Id);
        StringAssert.Contains(api.Comments(Number)[1].Body, "commit <code>bbbbbbbbbbbb</code>");
        Assert.AreEqual("GET POST GET PATCH", string.Join(' ', api.Requests.Select(r => r.Method)));
        Assert.IsTrue(api.Requests.All(r => r.Headers["Authorization"] == "Bearer " + Token));
        foreach (var run in new[] { first, second })
        {
            StringAssert.Contains(run.Stdout, "::add-mask::" + Token + "\n");
            var log = string.Join('\n', run.Stdout.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
            foreach (var (where, text) in run.Channels.Select(c => c.Where == "stdout" ? (c.Where, log) : c))
            {
                Assert.DoesNotContain(Token, text, $"the token leaked into {where}");
            }
        }
    }
}
