using System.Globalization;
using System.Net;
using System.Text;
using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;

namespace Gitmoxi.Action.Tests.GitHub;

/// <summary>
/// <c>scope: changed</c> where git cannot read the changes (here: a workspace that is no checkout), read instead from
/// a fake GitHub REST API on loopback: the pull request's files, and deleted groups' files at the base commit.
/// </summary>
[TestClass]
public sealed class GitHubPullRequestChangesTests(TestContext testContext)
{
    private const string Token = "ghs_FakeInstallationToken0123456789abcdef";
    private const string Repository = "octo/shop";
    private const long Number = 8;
    private static readonly string BaseSha = new('a', 40);
    private static readonly string HeadSha = new('b', 40);

    private CancellationToken Cancellation => testContext.CancellationToken;

    private static FakeGitHubApi.ChangedFile Modified(string path) => new(path, "modified");

    private async Task<(ScopeResolution Resolution, string Workspace)> ReadAsync(FakeGitHubApi api)
    {
        using var workspace = new TempDirectory();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var sources = new IPullRequestChangeSource[]
        {
            new GitPullRequestChanges(workspace.Path),
            new GitHubPullRequestChanges(new GitHubRestClient(http, api.BaseUrl, Token), Repository),
        };
        var resolution = await PullRequestChanges.ReadAsync(
            new PullRequestEvent(Number, HeadSha, Repository, Repository, BaseSha, 1), sources, Cancellation);
        return (resolution, workspace.Path);
    }

    [TestMethod]
    public async Task Lists_the_changed_files_over_two_pages_with_the_token_when_the_workspace_is_no_checkout()
    {
        using var api = new FakeGitHubApi(Repository);
        var files = Enumerable.Range(0, 150).Select(i => string.Create(CultureInfo.InvariantCulture, $"functions/f{i:D3}/f{i:D3}_lambdainput.json")).ToList();
        api.SetFiles(Number, files.Select(Modified));

        var (resolution, _) = await ReadAsync(api);

        Assert.IsNull(resolution.Problem);
        CollectionAssert.AreEqual(files, resolution.Scope!.ChangedPaths.Order(StringComparer.Ordinal).ToList());
        Assert.IsEmpty(resolution.Scope.RemovedGroups);
        Assert.AreEqual(
            "GET /repos/octo/shop/pulls/8/files?per_page=100\nGET /repos/octo/shop/pulls/8/files?per_page=100&page=2",
            string.Join('\n', api.Requests.Select(r => r.Method + " " + r.PathAndQuery)));
        Assert.IsTrue(api.Requests.All(r => r.Headers["Authorization"] == "Bearer " + Token && r.Headers["X-GitHub-Api-Version"] == "2022-11-28"));
    }

    [TestMethod]
    public async Task A_removed_group_is_read_from_the_contents_at_the_base_commit()
    {
        using var api = new FakeGitHubApi(Repository);
        api.SetFiles(Number, [
            new("functions/b é/b_lambdaeventsourcedef.json", "removed"),
            new("functions/b é/b_lambdadef.json", "removed"),
            new("functions/gone/gone_lambdaeventsourcedef.json", "removed"),
        ]);
        api.SetContent(BaseSha, "functions/b é/b_lambdaeventsourcedef.json", """{ "PullEventSources": {} }""");
        api.SetContent(BaseSha, "functions/b é/b_lambdadef.json", """{ "FunctionName": "b" }""");
        api.SetContent(HeadSha, "functions/gone/gone_lambdaeventsourcedef.json", "{}");

        var (resolution, _) = await ReadAsync(api);

        Assert.IsNull(resolution.Problem);
        var removed = resolution.Scope!.RemovedGroups.Single();
        Assert.AreEqual("functions/b é/b", removed.Prefix);
        Assert.AreEqual(
            """functions/b é/b_lambdadef.json={ "FunctionName": "b" } functions/b é/b_lambdaeventsourcedef.json={ "PullEventSources": {} }""",
            string.Join(' ', removed.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + Encoding.UTF8.GetString(f.Value))),
            "the group at the base commit; 'gone' is not there (404 at the base), so nothing of it was deployed from the base");
        Assert.Contains(
            $"GET /repos/octo/shop/contents/functions/b%20%C3%A9/b_lambdaeventsourcedef.json?ref={BaseSha}",
            api.Requests.Select(r => r.Method + " " + r.PathAndQuery).ToList());
    }

    [TestMethod]
    public async Task A_renamed_file_counts_for_the_group_it_left_and_the_group_it_joined()
    {
        using var api = new FakeGitHubApi(Repository);
        api.SetFiles(Number, [
            new("functions/new/new_lambdaeventsourcedef.json", "renamed", "functions/old/old_lambdaeventsourcedef.json"),
            new("functions/c/c_lambdainput.json", "renamed", "functions/a/a_lambdainput.json"),
        ]);
        api.SetContent(BaseSha, "functions/old/old_lambdaeventsourcedef.json", "{}");

        var (resolution, _) = await ReadAsync(api);

        Assert.AreEqual(
            "functions/a/a_lambdainput.json functions/c/c_lambdainput.json functions/new/new_lambdaeventsourcedef.json functions/old/old_lambdaeventsourcedef.json",
            string.Join(' ', resolution.Scope!.ChangedPaths.Order(StringComparer.Ordinal)));
        Assert.AreEqual("functions/old/old", resolution.Scope.RemovedGroups.Single().Prefix, "the definition renamed away is a deleted group");
    }

    [TestMethod]
    public async Task A_refused_token_is_a_GMX4021_warning_and_every_group_is_planned()
    {
        using var api = new FakeGitHubApi(Repository) { Refuse = (HttpStatusCode.Forbidden, "Resource not accessible by integration") };

        var (resolution, workspace) = await ReadAsync(api);

        Assert.IsNull(resolution.Scope);
        Assert.AreEqual("GMX4021", resolution.Problem!.Code);
        Assert.IsFalse(resolution.Problem.IsError);
        Assert.AreEqual(
            $"scope: changed cannot read the pull request's changes here: the workspace {workspace} is not a git checkout; "
            + "the GitHub API did not list them: HTTP 403 Forbidden: Resource not accessible by integration "
            + "(the github-token input needs `permissions: pull-requests: read` and `contents: read`); every function group is planned instead.",
            resolution.Problem.Message);
    }

    [TestMethod]
    public async Task More_files_than_GitHub_lists_is_a_GMX4021_warning_and_every_group_is_planned()
    {
        using var api = new FakeGitHubApi(Repository);
        api.SetFiles(Number, Enumerable.Range(0, 3001).Select(i => Modified(string.Create(CultureInfo.InvariantCulture, $"src/file{i}.cs"))));

        var (resolution, workspace) = await ReadAsync(api);

        Assert.IsNull(resolution.Scope);
        Assert.AreEqual(
            $"scope: changed cannot read the pull request's changes here: the workspace {workspace} is not a git checkout; "
            + "the GitHub API lists at most 3,000 files of a pull request, and this one changes 3,000 or more, so the list may be cut; "
            + "every function group is planned instead.",
            resolution.Problem!.Message);
        Assert.HasCount(30, api.Requests, "30 pages of 100, then no more");
    }

    [TestMethod]
    public async Task A_workspace_that_is_no_checkout_without_a_token_is_still_GMX4020()
    {
        using var workspace = new TempDirectory();

        var resolution = await PullRequestChanges.ReadAsync(
            new PullRequestEvent(Number, HeadSha, Repository, Repository, BaseSha, 1), [new GitPullRequestChanges(workspace.Path)], Cancellation);

        Assert.AreEqual("GMX4020", resolution.Problem!.Code);
        Assert.IsTrue(resolution.Problem.IsError);
    }
}
