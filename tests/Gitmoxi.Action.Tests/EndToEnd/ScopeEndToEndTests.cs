using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gitmoxi.Action.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// <c>scope: changed</c> end to end: the real entrypoint on a simulated <c>pull_request</c> event whose payload names
/// the base and head commits of a real git repository of 50 functions, each with one SQS mapping already applied.
/// What the plan costs is counted where it is paid: at the emulator, per operation.
/// </summary>
[TestClass]
[TestCategory(TestCategories.EndToEnd)]
public sealed class ScopeEndToEndTests : EmulatorFixture<ScopeEndToEndTests>
{
    private const int Functions = 50;

    private static ActionBinary binary = null!;

    private SimulatedRunner runner = null!;
    private SeededWorld world = null!;

    private CancellationToken Cancellation => TestContext.CancellationToken;

    // Its own runner (an empty workspace that each test fills with a git repository), so not ActionRunnerFixture.
    [ClassInitialize]
    public static async Task LocateBinaryAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        binary = await ActionBinary.LocateAsync(context.CancellationToken);
    }

    [TestInitialize]
    public async Task TestInitialize()
    {
        TestContext.WriteLine($"Running {binary.Description}.");
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Cancellation);
        var names = Enumerable.Range(0, Functions).Select(Name).ToList();
        world = await emulator.SeedAsync(
            new JsonObject
            {
                ["functions"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n })]),
                ["queues"] = new JsonArray([.. names.Select(n => (JsonNode)(n + "-queue"))]),
            },
            Cancellation);
        runner = SimulatedRunner.WithEmptyWorkspace(binary, emulator);
    }

    [TestCleanup]
    public void TestCleanup() => runner.Dispose();

    [TestMethod]
    public async Task A_pull_request_touching_2_of_50_functions_reads_the_live_state_of_those_2_only()
    {
        var (repository, baseSha) = await AppliedRepositoryAsync(runner.Workspace);
        repository.Write(Input(7), BatchSizeInput(7));
        repository.Write(Input(31), BatchSizeInput(7));
        var headSha = repository.CommitAll("Smaller batches for fn-07 and fn-31");
        await emulator.ResetRequestCountsAsync(Cancellation);

        var run = await PullRequestAsync(baseSha, headSha, new());

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("2", Output(run, "updated"), run.ToString());
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        Assert.AreEqual(
            "lambda:GetFunction=2 lambda:ListEventSourceMappings=1 lambda:ListTags=2",
            Describe(counts),
            "one account-wide page of mappings (50 < 100 per page), then GetFunction and ListTags for the two changed functions only");
        StringAssert.StartsWith(
            run.Summary,
            "## Lambda event sources: plan\n\n"
            + "**Scope:** changed function groups only: 2 of 50 planned, 48 unchanged skipped (their live state was not read).\n\n"
            + "**Plan:** 0 to create, 2 to update, 0 to replace, 0 to delete, 0 drifted.\n",
            run.Summary);
        StringAssert.Contains(run.Stdout, "Scope: changed function groups only: 2 of 50 planned, 48 unchanged skipped (their live state was not read).\n");
    }

    [TestMethod]
    public async Task Scope_all_on_the_same_pull_request_reads_every_function()
    {
        var (repository, baseSha) = await AppliedRepositoryAsync(runner.Workspace);
        repository.Write(Input(7), BatchSizeInput(7));
        repository.Write(Input(31), BatchSizeInput(7));
        var headSha = repository.CommitAll("Smaller batches for fn-07 and fn-31");
        await emulator.ResetRequestCountsAsync(Cancellation);

        var run = await PullRequestAsync(baseSha, headSha, new() { ["scope"] = "all" });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("2", Output(run, "updated"), run.ToString());
        Assert.AreEqual(
            "lambda:GetFunction=50 lambda:ListEventSourceMappings=1 lambda:ListTags=50",
            Describe(await emulator.GetRequestCountsAsync(Cancellation)));
        StringAssert.StartsWith(run.Summary, "## Lambda event sources: plan\n\n**Plan:** 0 to create, 2 to update,", run.Summary);
        Assert.DoesNotContain("Scope:", run.Summary + run.Stdout);
    }

    [TestMethod]
    public async Task A_deleted_group_is_planned_from_its_base_files_and_its_mapping_pruned_with_prune_on()
    {
        var (repository, baseSha) = await AppliedRepositoryAsync(runner.Workspace);
        foreach (var suffix in new[] { "_lambdaeventsourcedef.json", "_lambdadef.json", "_lambdainput.json" })
        {
            repository.Delete($"functions/{Name(12)}/{Name(12)}{suffix}");
        }

        var headSha = repository.CommitAll("Retire fn-12's event sources");
        await emulator.ResetRequestCountsAsync(Cancellation);

        var run = await PullRequestAsync(baseSha, headSha, new() { ["mode"] = "apply", ["prune"] = "true" });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("1", Output(run, "deleted"), run.ToString());
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        Assert.AreEqual("lambda:DeleteEventSourceMapping", string.Join(' ', counts.WriteOperations));
        Assert.AreEqual(1, counts.Count("lambda:GetFunction"), "only the deleted group's function is read");
        StringAssert.Contains(
            run.Stdout,
            "Scope: changed function groups only: 0 of 49 planned, 49 unchanged skipped (their live state was not read); "
            + "1 deleted, planned with no sources so what they created is pruned (prune on) or shown as drift: functions/fn-12/fn-12_lambdaeventsourcedef.json.\n");
        var left = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", Name(12)], Cancellation);
        Assert.AreEqual(0, left!["EventSourceMappings"]!.AsArray().Count, "the mapping the deleted file created is gone");
    }

    [TestMethod]
    public async Task A_deleted_group_whose_function_is_gone_too_is_a_warning_not_an_error()
    {
        var (repository, baseSha) = await AppliedRepositoryAsync(runner.Workspace);
        repository.Delete($"functions/{Name(12)}/{Name(12)}_lambdaeventsourcedef.json");
        var headSha = repository.CommitAll("fn-12 is retired");
        await emulator.AwsCliAsync(["lambda", "delete-function", "--function-name", Name(12)], Cancellation);

        var run = await PullRequestAsync(baseSha, headSha, new() { ["prune"] = "true" });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(
            run.Stdout,
            "::warning title=GMX4001,file=functions/fn-12/fn-12_lambdaeventsourcedef.json,line=1,col=1::"
            + "The function (or alias) of the deleted 'functions/fn-12/fn-12_lambdaeventsourcedef.json' does not exist either; nothing is left to prune.\n",
            run.ToString());
        Assert.AreEqual("false", Output(run, "has-changes"));
    }

    [TestMethod]
    public async Task A_shallow_clone_fails_with_GMX4020_naming_the_fetch_depth_before_any_AWS_call()
    {
        using var origin = new TempDirectory();
        var repository = Repository(Path.Combine(origin.Path, "repository"));
        var baseSha = repository.CommitAll("Fifty functions");
        repository.Write(Input(7), BatchSizeInput(7));
        var headSha = repository.CommitAll("Smaller batches for fn-07");
        GitRepository.ShallowClone(repository, runner.Workspace, depth: 1);
        await emulator.ResetRequestCountsAsync(Cancellation);

        var run = await PullRequestAsync(baseSha, headSha, new());

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var message = $"scope: changed cannot tell which files this pull request changes: the base commit {baseSha[..12]} is not in the clone. "
            + "Check out the history it needs with `fetch-depth: 0` on actions/checkout (fetch-depth: 3 - the merge commit, this pull request's 1 commit(s) "
            + "and their merge base - is enough only while the base branch has not moved since the pull request branched off), "
            + "or set `scope: all` to plan every function. Nothing was planned and no AWS call was made.";
        StringAssert.Contains(run.Stdout, "::error title=GMX4020::" + message + "\n", run.ToString());
        Assert.AreEqual("false", Output(run, "has-changes"));
        var counts = await emulator.GetRequestCountsAsync(Cancellation);
        Assert.AreEqual(0, counts.Reads + counts.Writes, Describe(counts));
    }

    [TestMethod]
    public async Task Without_git_on_PATH_the_changed_files_come_from_the_GitHub_API_and_only_those_groups_are_read()
    {
        const string Token = "ghs_FakeInstallationToken0123456789abcdef";
        var (repository, baseSha) = await AppliedRepositoryAsync(runner.Workspace);
        repository.Write(Input(7), BatchSizeInput(7));
        repository.Write(Input(31), BatchSizeInput(7));
        using var api = new FakeGitHubApi("octo/shop");
        List<FakeGitHubApi.ChangedFile> changed = [new(Input(7), "modified"), new(Input(31), "modified")];
        var group = $"functions/{Name(12)}/{Name(12)}";
        foreach (var suffix in new[] { "_lambdaeventsourcedef.json", "_lambdadef.json", "_lambdainput.json" })
        {
            api.SetContent(baseSha, group + suffix, File.ReadAllText(Path.Combine(repository.Path, group + suffix)));
            repository.Delete(group + suffix);
            changed.Add(new(group + suffix, "removed"));
        }

        var headSha = repository.CommitAll("Smaller batches for fn-07 and fn-31, fn-12 retired");
        api.SetFiles(8, changed);
        var deleted = group + "_lambdaeventsourcedef.json";
        using var noGit = new TempDirectory();
        await emulator.ResetRequestCountsAsync(Cancellation);

        var run = await PullRequestAsync(
            baseSha,
            headSha,
            new() { ["github-token"] = Token, ["prune"] = "true" },
            new() { ["PATH"] = noGit.Path, ["GITHUB_API_URL"] = api.BaseUrl, ["GITHUB_REPOSITORY"] = "octo/shop" });

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.AreEqual("2", Output(run, "updated"), run.ToString());
        Assert.AreEqual("1", Output(run, "deleted"), run.ToString());
        Assert.AreEqual(
            "lambda:GetFunction=3 lambda:GetPolicy=3 lambda:ListEventSourceMappings=1 lambda:ListTags=3 scheduler:ListSchedules=1",
            Describe(await emulator.GetRequestCountsAsync(Cancellation)),
            "the two changed functions and the deleted group's function only (prune on reads their resource policies, and lists the account's schedules once: a schedule has no statement, so listing is how prune finds ours)");
        StringAssert.Contains(
            run.Stdout,
            "Scope: changed function groups only: 2 of 49 planned, 47 unchanged skipped (their live state was not read); "
            + $"1 deleted, planned with no sources so what they created is pruned (prune on) or shown as drift: {deleted}.\n",
            run.ToString());
        Assert.AreEqual(
            "GET /repos/octo/shop/pulls/8/files?per_page=100\n"
            + string.Join('\n', Gitmoxi.LambdaSources.Definitions.DefinitionScope.GroupFileSuffixes.Select(suffix => $"GET /repos/octo/shop/contents/{group}{suffix}?ref={baseSha}")),
            string.Join('\n', api.Requests.Select(r => r.Method + " " + r.PathAndQuery)),
            "the files list, then the deleted group's files at the base commit (it had no _lambdadepdef.json: a 404)");
        Assert.DoesNotContain("GMX4021", run.Stdout);
        Assert.DoesNotContain(Token, run.Stdout.Replace("::add-mask::" + Token, "", StringComparison.Ordinal) + run.Stderr + run.Summary + run.Outputs);
    }

    private static string Name(int index) => "fn-" + index.ToString("D2", CultureInfo.InvariantCulture);

    private static string Input(int index) => $"functions/{Name(index)}/{Name(index)}_lambdainput.json";

    private static string BatchSizeInput(int batchSize) => $$"""{ "batch_size": {{batchSize}} }""";

    /// <summary>A repository of 50 function groups in the workspace, committed as the base and applied (a push to main).</summary>
    private async Task<(GitRepository Repository, string BaseSha)> AppliedRepositoryAsync(string path)
    {
        var repository = Repository(path);
        var baseSha = repository.CommitAll("Fifty functions");
        var apply = await runner.RunAsync("push", new Dictionary<string, string> { ["path"] = "." }, SimulatedRunner.StaticCredentials(), Cancellation);
        Assert.AreEqual(0, apply.ExitCode, apply.ToString());
        Assert.AreEqual(Functions.ToString(CultureInfo.InvariantCulture), Output(apply, "created"), apply.ToString());
        return (repository, baseSha);
    }

    /// <summary>50 function groups, each a function and one SQS mapping whose batch size comes from the input file.</summary>
    private GitRepository Repository(string path)
    {
        var repository = GitRepository.Init(path);
        for (var i = 0; i < Functions; i++)
        {
            var name = Name(i);
            repository.Write($"functions/{name}/{name}_lambdadef.json", $$"""{ "FunctionName": "{{name}}" }""");
            repository.Write(Input(i), BatchSizeInput(10));
            repository.Write($"functions/{name}/{name}_lambdaeventsourcedef.json", $$$"""
                {
                  "PullEventSources": {
                    "EventSourceMapping": { "EventSourceArn": "{{{world.Queues[name + "-queue"]}}}", "BatchSize": "{{ batch_size }}" }
                  }
                }
                """);
        }

        return repository;
    }

    private Task<ActionRun> PullRequestAsync(
        string baseSha, string headSha, Dictionary<string, string> inputs, Dictionary<string, string>? extraVariables = null)
    {
        var variables = SimulatedRunner.StaticCredentials();
        foreach (var (name, value) in extraVariables ?? [])
        {
            variables[name] = value;
        }

        variables["GITHUB_EVENT_PATH"] = runner.WriteFile("../workflow/event.json", $$"""
            {
              "action": "synchronize",
              "number": 8,
              "pull_request": {
                "number": 8,
                "commits": 1,
                "head": { "sha": "{{headSha}}", "repo": { "full_name": "octo/shop" } },
                "base": { "sha": "{{baseSha}}", "repo": { "full_name": "octo/shop" } }
              }
            }
            """);
        inputs.TryAdd("path", ".");
        return runner.RunAsync("pull_request", inputs, variables, Cancellation);
    }

    private static string Describe(RequestCounts counts) =>
        string.Join(' ', counts.Operations.Where(o => o.Count > 0).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => $"{o.Name}={o.Count}"));

    /// <summary>One output of GITHUB_OUTPUT (<c>name&lt;&lt;delimiter</c>, value, delimiter).</summary>
    private static string Output(ActionRun run, string name)
    {
        var match = StepOutputFile.Pattern().Matches(run.Outputs).FirstOrDefault(m => m.Groups["name"].Value == name);
        Assert.IsNotNull(match, $"no output {name} in:\n{run.Outputs}");
        return match.Groups["value"].Value;
    }
}

internal static partial class StepOutputFile
{
    [GeneratedRegex(@"^(?<name>[a-z-]+)<<(?<delimiter>\S+)\n(?<value>.*?)\n?\k<delimiter>$", RegexOptions.Multiline | RegexOptions.Singleline)]
    public static partial Regex Pattern();
}
