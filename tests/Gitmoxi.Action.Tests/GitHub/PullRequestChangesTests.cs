using System.Text;
using Gitmoxi.Action.GitHub;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.Tests.GitHub;

/// <summary>What <c>scope: changed</c> reads from a real git repository: the files a pull request changes, and its deleted groups at the base.</summary>
[TestClass]
public sealed class PullRequestChangesTests(TestContext testContext)
{
    private CancellationToken Cancellation => testContext.CancellationToken;

    private static PullRequestEvent Event(string baseSha, string headSha, int? commits = 1) =>
        new(8, headSha, "octo/shop", "octo/shop", baseSha, commits);

    [TestMethod]
    public async Task Lists_the_changed_files_since_the_merge_base_and_reads_each_deleted_group_at_the_base_commit()
    {
        using var directory = new TempDirectory();
        var repository = GitRepository.Init(Path.Combine(directory.Path, "repository"));
        repository.Write("functions/a/a_lambdaeventsourcedef.json", "{}");
        repository.Write("functions/a/a_lambdainput.json", """{ "batch_size": 10 }""");
        repository.Write("functions/b/b_lambdaeventsourcedef.json", """{ "PullEventSources": {} }""");
        repository.Write("functions/b/b_lambdadef.json", """{ "FunctionName": "b" }""");
        repository.Write("functions/c/c_lambdaeventsourcedef.json", "{}");
        repository.CommitAll("Three groups");
        repository.Run("checkout", "--quiet", "-b", "feature");
        repository.Write("functions/a/a_lambdainput.json", """{ "batch_size": 5 }""");
        repository.Delete("functions/b/b_lambdaeventsourcedef.json");
        repository.Delete("functions/b/b_lambdadef.json");
        repository.Write("functions/d é/d_lambdaeventsourcedef.json", "{}");
        var head = repository.CommitAll("Change a, delete b, add d");
        repository.Run("checkout", "--quiet", "main");
        repository.Write("functions/c/c_lambdaeventsourcedef.json", """{ "changed": "on main" }""");
        var baseSha = repository.CommitAll("main moves on");
        repository.Run("checkout", "--quiet", head);

        var resolution = await PullRequestChanges.ReadAsync(repository.Path, Event(baseSha, head), Cancellation);

        Assert.IsNull(resolution.Problem);
        var scope = resolution.Scope!;
        Assert.AreEqual(
            "functions/a/a_lambdainput.json functions/b/b_lambdadef.json functions/b/b_lambdaeventsourcedef.json functions/d é/d_lambdaeventsourcedef.json",
            string.Join(' ', scope.ChangedPaths.Order(StringComparer.Ordinal)),
            "what main changed since the branch point (c) is not the pull request's");
        var removed = scope.RemovedGroups.Single();
        Assert.AreEqual("functions/b/b", removed.Prefix);
        Assert.AreEqual(
            """functions/b/b_lambdadef.json={ "FunctionName": "b" } functions/b/b_lambdaeventsourcedef.json={ "PullEventSources": {} }""",
            string.Join(' ', removed.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + Encoding.UTF8.GetString(f.Value))));
    }

    [TestMethod]
    public async Task Paths_are_relative_to_a_workspace_below_the_repository_root()
    {
        using var directory = new TempDirectory();
        var repository = GitRepository.Init(directory.Path);
        repository.Write("infra/functions/a/a_lambdaeventsourcedef.json", "{}");
        repository.Write("app/Program.cs", "");
        var baseSha = repository.CommitAll("base");
        repository.Write("infra/functions/a/a_lambdaeventsourcedef.json", "{ }");
        repository.Write("app/Program.cs", "// changed");
        var head = repository.CommitAll("head");

        var resolution = await PullRequestChanges.ReadAsync(Path.Combine(directory.Path, "infra"), Event(baseSha, head), Cancellation);

        Assert.AreEqual("functions/a/a_lambdaeventsourcedef.json", string.Join(' ', resolution.Scope!.ChangedPaths));
    }

    [TestMethod]
    public async Task A_clone_without_the_merge_base_is_GMX4020_naming_the_fetch_depth()
    {
        using var directory = new TempDirectory();
        var origin = GitRepository.Init(Path.Combine(directory.Path, "origin"));
        origin.Write("a/a_lambdaeventsourcedef.json", "{}");
        origin.CommitAll("branch point");
        origin.Run("checkout", "--quiet", "-b", "feature");
        origin.Write("a/a_lambdaeventsourcedef.json", "{ }");
        var head = origin.CommitAll("feature");
        origin.Run("checkout", "--quiet", "main");
        origin.Write("b/b_lambdaeventsourcedef.json", "{}");
        var baseSha = origin.CommitAll("main moves on");
        var clone = Path.Combine(directory.Path, "clone");
        new GitRepository(directory.Path).Run("clone", "--quiet", "--depth", "1", "--no-single-branch", new Uri(origin.Path).AbsoluteUri, clone);

        var resolution = await PullRequestChanges.ReadAsync(clone, Event(baseSha, head, commits: 4), Cancellation);

        Assert.IsNull(resolution.Scope);
        Assert.AreEqual("GMX4020", resolution.Problem!.Code);
        Assert.IsTrue(resolution.Problem.IsError);
        Assert.AreEqual(
            $"scope: changed cannot tell which files this pull request changes: the merge base of the base commit {baseSha[..12]} and the head commit {head[..12]} is not in the clone. "
            + "Check out the history it needs with `fetch-depth: 0` on actions/checkout (fetch-depth: 6 - the merge commit, this pull request's 4 commit(s) and their merge base - "
            + "is enough only while the base branch has not moved since the pull request branched off), or set `scope: all` to plan every function. "
            + "Nothing was planned and no AWS call was made.",
            resolution.Problem.Message);
    }

    [TestMethod]
    public async Task A_workspace_that_is_no_checkout_is_GMX4020()
    {
        using var directory = new TempDirectory();

        var resolution = await PullRequestChanges.ReadAsync(directory.Path, Event(new string('a', 40), new string('b', 40), commits: null), Cancellation);

        Assert.AreEqual(
            $"scope: changed cannot tell which files this pull request changes: the workspace {directory.Path} is not a git checkout. "
            + "Check out the history it needs with `fetch-depth: 0` on actions/checkout, or set `scope: all` to plan every function. "
            + "Nothing was planned and no AWS call was made.",
            resolution.Problem!.Message);
    }

    [TestMethod]
    public async Task A_payload_without_commit_ids_is_an_input_error_and_no_id_reaches_git_as_an_option()
    {
        using var directory = new TempDirectory();

        var missing = await Assert.ThrowsExactlyAsync<GitmoxiException>(
            () => PullRequestChanges.ReadAsync(directory.Path, Event(null!, new string('b', 40)), Cancellation));
        var option = await Assert.ThrowsExactlyAsync<GitmoxiException>(
            () => PullRequestChanges.ReadAsync(directory.Path, Event("--output=/tmp/x", new string('b', 40)), Cancellation));

        Assert.AreEqual(
            "scope: changed needs the pull request's base and head commits, but the event payload (GITHUB_EVENT_PATH) does not give them; set scope: all.",
            missing.Message);
        Assert.AreEqual(missing.Message, option.Message);
    }
}
