using System.Diagnostics;
using System.Text.Json.Nodes;
using Gitmoxi.MSBuild.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.MSBuild.Tests.EndToEnd;

/// <summary>
/// One repository, one emulator, both hosts through their own option-building code: the Action from <c>INPUT_*</c>
/// and <c>GITHUB_*</c> variables (its real entry point, as a process), the MSBuild task from its properties and the git
/// remote. Whichever applies, the other then plans no change: the owner record is the same.
/// </summary>
[TestClass]
public sealed class CrossHostOwnershipEndToEndTests : EmulatorFixture<CrossHostOwnershipEndToEndTests>, IDisposable
{
    private const string NoChange = "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.";
    private readonly TempDirectory repository = new();
    private SeededWorld world = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    /// <summary>The folder of the Lambda project the task runs for; the Action reads the whole workspace.</summary>
    private string ProjectDirectory => repository.Combine("services/orders");

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        world = await emulator.SeedAsync(
            JsonNode.Parse("""
                {
                  "functions": [ { "name": "orders", "versions": 1, "aliases": { "live": "1" } } ],
                  "queues": [ "orders-queue" ],
                  "targetGroups": [ { "name": "orders-tg" } ],
                  "httpApis": [ { "name": "shop", "routes": [ "GET /orders" ], "stages": { "prod": { "lambdaAlias": "live" } } } ]
                }
                """)!.AsObject(),
            Token);

        // A clone: the remote names the repository as GitHub does (the Action gets the same from GITHUB_REPOSITORY).
        repository.Write(".git/config", """
            [core]
            	bare = false
            [remote "origin"]
            	url = git@github.com:Octo/Shop.git
            	fetch = +refs/heads/*:refs/remotes/origin/*
            """);
        var api = world.HttpApis["shop"];
        repository.Write("services/orders/orders_lambdadef.json", """{ "FunctionName": "orders" }""");
        repository.Write("services/orders/orders_lambdadepdef.json", """{ "alias": "live" }""");
        repository.Write("services/orders/orders_lambdaeventsourcedef.json", $$"""
            {
              "PushEventSources": [
                { "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{world.TargetGroups["orders-tg"].Arn}}" },
                { "Service": "apigateway.amazonaws.com", "ApiId": "{{api.Id}}", "RouteId": "{{api.Routes["GET /orders"].Id}}", "AliasStageVariableName": "lambdaAlias" }
              ],
              "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{world.Queues["orders-queue"]}}", "FunctionName": "orders", "BatchSize": 10 } }
            }
            """);
    }

    public void Dispose() => repository.Dispose();

    [TestMethod]
    public async Task A_repository_applied_by_the_action_plans_no_change_in_the_msbuild_task()
    {
        var (applied, appliedOutput) = await RunActionAsync("apply");
        Assert.AreEqual(0, applied, appliedOutput);
        StringAssert.Contains(appliedOutput, "Apply complete: 5 created, 0 updated, 0 replaced, 0 deleted.");

        var (planned, log) = RunTask("plan");

        Assert.IsTrue(planned, log);
        StringAssert.Contains(log, NoChange);
    }

    [TestMethod]
    public async Task A_repository_applied_by_the_msbuild_task_plans_no_change_in_the_action()
    {
        var (applied, log) = RunTask("apply");
        Assert.IsTrue(applied, log);
        StringAssert.Contains(log, "Apply complete: 5 created, 0 updated, 0 replaced, 0 deleted.");

        var (planned, output) = await RunActionAsync("plan");

        Assert.AreEqual(0, planned, output);
        StringAssert.Contains(output, NoChange);
        StringAssert.Contains(await File.ReadAllTextAsync(repository.Combine("github-output"), Token), "has-changes<<");
        StringAssert.Contains(await File.ReadAllTextAsync(repository.Combine("github-output"), Token), "\nfalse\n");
    }

    /// <summary>
    /// The Action's entry point as a process (its JIT build next to the tests), with the variables the runner would
    /// set: it builds its own settings from <c>INPUT_*</c> and <c>GITHUB_*</c>, and its credentials from the environment.
    /// </summary>
    private async Task<(int ExitCode, string Output)> RunActionAsync(string mode)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repository.Path };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gitmoxi.Action.dll"));
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("GITHUB_", StringComparison.Ordinal)
            || k.StartsWith("INPUT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["GITHUB_ACTIONS"] = "true";
        start.Environment["GITHUB_WORKSPACE"] = repository.Path;
        start.Environment["GITHUB_REPOSITORY"] = "octo/shop";
        start.Environment["GITHUB_OUTPUT"] = repository.Write("github-output", "");
        start.Environment["GITHUB_STEP_SUMMARY"] = repository.Write("step-summary", "");
        start.Environment["INPUT_MODE"] = mode;
        start.Environment["INPUT_PATH"] = "services";
        start.Environment["INPUT_AWS-REGION"] = Emulator.Region;
        start.Environment["AWS_ACCESS_KEY_ID"] = Emulator.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = Emulator.SecretAccessKey;
        start.Environment["AWS_ENDPOINT_URL"] = emulator.Endpoint.ToString();
        start.Environment["AWS_CONFIG_FILE"] = repository.Combine("no-aws-config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = repository.Combine("no-aws-credentials");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Action.");
        var stdout = process.StandardOutput.ReadToEndAsync(Token);
        var stderr = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The task as the package's targets call it, against a fake build engine: its own properties, git remote and AWS settings.</summary>
    private (bool Succeeded, string Log) RunTask(string mode)
    {
        var buildEngine = new FakeBuildEngine();
        using var task = new DeployEventSources
        {
            BuildEngine = buildEngine,
            ProjectDirectory = ProjectDirectory,
            Mode = mode,
            Region = Emulator.Region,
            Profile = "emulator",
            Environment = AwsVariables(),
        };

        var succeeded = task.Execute();

        var log = string.Join("\n", buildEngine.Messages.Select(m => m.Message).Concat(buildEngine.Errors.Select(e => $"{e.Code}: {e.Message}")));
        return (succeeded, log);
    }

    /// <summary>
    /// The emulator's endpoint, and its credentials as a named profile (GitmoxiProfile) of a private credentials file,
    /// so nothing of the machine's AWS setup leaks in.
    /// </summary>
    private Dictionary<string, string> AwsVariables() => new(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = emulator.Endpoint.ToString(),
        ["AWS_CONFIG_FILE"] = repository.Combine(".aws/config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = repository.Write(".aws/credentials", $"""
            [emulator]
            aws_access_key_id = {Emulator.AccessKeyId}
            aws_secret_access_key = {Emulator.SecretAccessKey}
            """),
    };
}
