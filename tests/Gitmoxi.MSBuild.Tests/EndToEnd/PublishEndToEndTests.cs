using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Gitmoxi.MSBuild.Tests.Support;
using Gitmoxi.TestSupport;

namespace Gitmoxi.MSBuild.Tests.EndToEnd;

/// <summary>
/// The package as a user gets it: packed into a folder feed, referenced by a fresh Lambda-style class library, and
/// run by a real <c>dotnet publish</c> against the emulator, with the AWS CLI as the independent observer.
/// </summary>
[TestClass]
public sealed class PublishEndToEndTests : IDisposable
{
    private const string DefinitionFile = "_lambdaeventsourcedef.json";
    private const string TaskAssemblyLoaded = "Assembly loaded during TaskRun: Gitmoxi.MSBuild, Version=";
    private static readonly string[] PackageContent =
    [
        "build/Gitmoxi.LambdaSources.MSBuild.props",
        "build/Gitmoxi.LambdaSources.MSBuild.targets",
        "tasks/net8.0/AWSSDK.Core.dll",
        "tasks/net8.0/Gitmoxi.LambdaSources.dll",
        "tasks/net8.0/Gitmoxi.MSBuild.dll",
        // The engine reports progress through ILogger (Microsoft.Extensions.Logging.Abstractions and its one dependency).
        "tasks/net8.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll",
        "tasks/net8.0/Microsoft.Extensions.Logging.Abstractions.dll",
    ];

    private static Emulator emulator = null!;
    private static LocalPackage package = null!;
    private readonly TempDirectory project = new();
    private SeededWorld world = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [ClassInitialize]
    public static async Task ClassInitialize(TestContext context)
    {
        emulator = await Emulator.StartAsync(context.CancellationToken);
        package = await LocalPackage.PackAsync(context.CancellationToken);
    }

    [ClassCleanup]
    public static async Task ClassCleanup()
    {
        package?.Dispose();
        await emulator.DisposeAsync();
    }

    [TestInitialize]
    public async Task TestInitialize()
    {
        await emulator.ResetAsync(Token);
        world = await emulator.SeedAsync(Token);
        project.Write("NuGet.config", package.NuGetConfig());
        project.Write("Orders.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{LocalPackage.Id}" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        project.Write("Function.cs", "namespace Orders; public sealed class Function { public string Handle(string order) => order; }");
        project.Write("aws-lambda-tools-defaults.json", """{ "function-name": "orders", "function-handler": "Orders::Orders.Function::Handle" }""");
    }

    public void Dispose() => project.Dispose();

    [TestMethod]
    public async Task Publish_with_GitmoxiDeploy_creates_the_declared_mapping_and_push_wiring_from_the_packed_task()
    {
        await emulator.ResetAsync(Token);
        world = await emulator.SeedAsync(JsonNode.Parse("""{ "targetGroups": [ { "name": "orders-tg" } ] }""")!.AsObject(), Token);
        var targetGroup = world.TargetGroups["orders-tg"].Arn;
        project.Write(DefinitionFile, $$"""
            {
              "PushEventSources": [ { "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{targetGroup}}" } ],
              "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{world.Queues["orders-queue"]}}", "BatchSize": 5 } }
            }
            """);

        var publish = await PublishAsync("-p:GitmoxiDeploy=true", "-p:GitmoxiFunctionAlias=live", "-v:diag");

        Assert.AreEqual(0, publish.ExitCode, Tail(publish));
        StringAssert.Contains(publish.Output, TaskAssemblyLoaded);
        // The engine's AWS SDK comes from the package's task folder, into the task's own load context.
        var awsSdkLoad = publish.Output.Split('\n').Where(line => line.Contains("Assembly loaded during TaskRun", StringComparison.Ordinal)
            && line.Contains("AWSSDK.Core, Version=", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, awsSdkLoad, Tail(publish));
        StringAssert.Contains(awsSdkLoad[0], $"location: {PackageFolder()}/tasks/net8.0/AWSSDK.Core.dll");
        StringAssert.Contains(awsSdkLoad[0], $"AssemblyLoadContext: MSBuild plugin {PackageFolder()}/tasks/net8.0/Gitmoxi.MSBuild.dll");
        var mappings = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "orders:live"], Token);
        var mapping = mappings!["EventSourceMappings"]!.AsArray().Single()!;
        Assert.AreEqual(world.Queues["orders-queue"], (string?)mapping["EventSourceArn"]);
        Assert.AreEqual(world.Functions["orders"].Aliases["live"], (string?)mapping["FunctionArn"]);
        Assert.AreEqual(5, (int?)mapping["BatchSize"]);
        var health = await emulator.AwsCliAsync(["elbv2", "describe-target-health", "--target-group-arn", targetGroup], Token);
        Assert.AreEqual(world.Functions["orders"].Aliases["live"], (string?)health!["TargetHealthDescriptions"]![0]!["Target"]!["Id"]);
        var policy = await emulator.AwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", "live"], Token);
        var statement = JsonNode.Parse((string)policy!["Policy"]!)!["Statement"]!.AsArray().Single()!;
        Assert.AreEqual("elasticloadbalancing.amazonaws.com", (string?)statement["Principal"]!["Service"]);
        Assert.AreEqual(targetGroup, (string?)statement["Condition"]!["ArnLike"]!["AWS:SourceArn"]);
    }

    [TestMethod]
    public void Package_holds_the_targets_and_the_task_closure_but_no_msbuild_assembly()
    {
        using var archive = ZipFile.OpenRead(Path.Combine(package.Feed, $"{LocalPackage.Id}.{package.Version}.nupkg"));

        var content = archive.Entries.Select(e => e.FullName)
            .Where(name => name.StartsWith("build/", StringComparison.Ordinal) || name.StartsWith("tasks/", StringComparison.Ordinal) || name.StartsWith("lib/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        CollectionAssert.AreEqual(PackageContent, content.ToList());
        using var nuspec = new StreamReader(archive.GetEntry($"{LocalPackage.Id}.nuspec")!.Open());
        var metadata = XDocument.Parse(nuspec.ReadToEnd()).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.AreEqual("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.IsFalse(metadata.Elements().Any(e => e.Name.LocalName == "dependencies"), "the task's dependencies travel inside the package");
    }

    [TestMethod]
    public async Task Plan_mode_prints_the_plan_and_writes_nothing()
    {
        WriteSqsDefinition("\"BatchSize\": 5");

        var publish = await PublishAsync("-p:GitmoxiDeploy=true", "-p:GitmoxiMode=plan");

        Assert.AreEqual(0, publish.ExitCode, Tail(publish));
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
        Assert.IsGreaterThan(0, counts.Reads, "the plan reads live state");
        StringAssert.Contains(publish.Output, "Plan: 1 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted.");
        StringAssert.Contains(publish.Output, "event-source-mapping sqs:orders-queue");
        var mappings = await emulator.AwsCliAsync(["lambda", "list-event-source-mappings", "--function-name", "orders"], Token);
        Assert.IsEmpty(mappings!["EventSourceMappings"]!.AsArray());
    }

    [TestMethod]
    public async Task Invalid_definition_fails_the_publish_with_a_clickable_coded_error()
    {
        WriteSqsDefinition("\"batchSize\": 5");

        var publish = await PublishAsync("-p:GitmoxiDeploy=true");

        Assert.AreNotEqual(0, publish.ExitCode, Tail(publish));
        StringAssert.Contains(
            publish.Output,
            $"{project.Combine(DefinitionFile)}(5,7): error GMX2001: Unknown key 'batchSize' in PullEventSources.EventSourceMapping; did you mean 'BatchSize'?");
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Writes, string.Join(", ", counts.WriteOperations));
    }

    [TestMethod]
    public async Task Publish_without_GitmoxiDeploy_neither_runs_the_task_nor_loads_its_assembly()
    {
        WriteSqsDefinition("\"BatchSize\": 5");

        var publish = await PublishAsync("-v:diag");

        Assert.AreEqual(0, publish.ExitCode, Tail(publish));
        Assert.DoesNotContain(TaskAssemblyLoaded, publish.Output);
        Assert.DoesNotContain("Target \"GitmoxiDeployEventSources", publish.Output);
        var counts = await emulator.GetRequestCountsAsync(Token);
        Assert.AreEqual(0, counts.Reads + counts.Writes);
    }

    /// <summary>The function comes from aws-lambda-tools-defaults.json, as in a project set up for Amazon.Lambda.Tools.</summary>
    private void WriteSqsDefinition(string members) => project.Write(DefinitionFile, $$"""
        {
          "PullEventSources": {
            "EventSourceMapping": {
              "EventSourceArn": "{{world.Queues["orders-queue"]}}",
              {{members}}
            }
          }
        }
        """);

    private static string PackageFolder() =>
        Path.Combine(LocalPackage.GlobalPackagesFolder(), LocalPackage.Id.ToLowerInvariant(), package.Version);

    private Task<DotNetResult> PublishAsync(params string[] properties) =>
        DotNetCli.RunAsync(project.Path, ["publish", .. properties], emulator.Endpoint, Token);

    /// <summary>Diagnostic logs run to megabytes; a failure message needs the end.</summary>
    private static string Tail(DotNetResult result) =>
        result.Output.Length > 8000 ? result.Output[^8000..] : result.Output;
}
