using System.Text;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.Reliability;

/// <summary>
/// Bad inputs too big or too environment-specific to commit to the corpus, generated per test: a 50 MB file and
/// inputs that try to leave the workspace (<c>..</c>, symbolic links to files and folders outside, a link loop).
/// Each is refused with its code at its location, through the whole plan-and-apply sequence, with no AWS request.
/// </summary>
[TestClass]
public sealed class GeneratedBadInputEndToEndTests : EmulatorFixture<GeneratedBadInputEndToEndTests>, IDisposable
{
    private const string Valid = """{ "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:q", "FunctionName": "f" } } }""";
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("gitmoxi-bad-input-");

    private string Workspace => Path.Combine(scratch.FullName, "workspace");

    private string Outside => Path.Combine(scratch.FullName, "outside");

    [TestInitialize]
    public void TestInitialize()
    {
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "secret_lambdaeventsourcedef.json"), Valid);
    }

    public void Dispose() => scratch.Delete(recursive: true);

    [TestMethod]
    public async Task A_fifty_megabyte_definition_is_refused_before_it_is_parsed()
    {
        var file = Path.Combine(Workspace, "huge_lambdaeventsourcedef.json");
        using (var writer = new StreamWriter(file, append: false, Encoding.UTF8))
        {
            await writer.WriteAsync("{ \"PullEventSources\": { \"EventSourceMapping\": { \"EventSourceArn\": \"");
            await writer.WriteAsync(new string('x', 50 * 1024 * 1024));
            await writer.WriteAsync("\" } } }");
        }

        await AssertRefusedAsync("huge_lambdaeventsourcedef.json", "GMX1004 huge_lambdaeventsourcedef.json");
    }

    [TestMethod]
    public async Task A_path_that_climbs_out_of_the_workspace_is_refused()
    {
        await AssertRefusedAsync("../outside/secret_lambdaeventsourcedef.json", "GMX1001 -");
    }

    [TestMethod]
    public async Task An_absolute_path_outside_the_workspace_is_refused()
    {
        await AssertRefusedAsync(Path.Combine(Outside, "secret_lambdaeventsourcedef.json"), "GMX1001 -");
    }

    [TestMethod]
    public async Task A_symbolic_link_to_a_definition_outside_the_workspace_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(Workspace, "orders"));
        File.CreateSymbolicLink(Path.Combine(Workspace, "orders", "orders_lambdaeventsourcedef.json"), Path.Combine(Outside, "secret_lambdaeventsourcedef.json"));

        await AssertRefusedAsync(".", "GMX1001 orders/orders_lambdaeventsourcedef.json");
    }

    [TestMethod]
    public async Task A_symbolic_link_to_a_folder_outside_the_workspace_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(Workspace, "linked"), Outside);

        await AssertRefusedAsync(".", "GMX1001 linked");
    }

    [TestMethod]
    public async Task A_placeholder_input_file_linked_from_outside_the_workspace_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(Workspace, "orders"));
        File.WriteAllText(Path.Combine(Workspace, "orders", "orders_lambdaeventsourcedef.json"),
            """{ "PullEventSources": { "EventSourceMapping": { "EventSourceArn": "{{ queue }}", "FunctionName": "orders" } } }""");
        File.WriteAllText(Path.Combine(Outside, "values.json"), """{ "queue": "arn:aws:sqs:us-east-1:123456789012:q" }""");
        File.CreateSymbolicLink(Path.Combine(Workspace, "orders", "orders_lambdainput.json"), Path.Combine(Outside, "values.json"));

        await AssertRefusedAsync(".", "GMX1001 orders/orders_lambdainput.json");
    }

    [TestMethod]
    public async Task A_symbolic_link_loop_ends_without_a_crash()
    {
        Directory.CreateDirectory(Path.Combine(Workspace, "orders"));
        Directory.CreateSymbolicLink(Path.Combine(Workspace, "orders", "loop"), Path.Combine(Workspace, "orders"));
        File.WriteAllText(Path.Combine(Workspace, "orders", "orders_lambdaeventsourcedef.json"), "{ \"PullEventSources\": ");

        await AssertRefusedAsync(".", "GMX1007 orders/orders_lambdaeventsourcedef.json");
    }

    /// <param name="expected">One of the errors as "code file" (file relative to the workspace, "-" for none).</param>
    private async Task AssertRefusedAsync(string path, string expected)
    {
        var token = TestContext.CancellationToken;
        using var engine = LambdaSourcesEngine.Create(FleetRepository.Settings(emulator), new EngineOptions());
        await emulator.ResetRequestCountsAsync(token);

        var outcome = await engine.RunAsync(new RunRequest(Workspace, path, RunMode.Apply), token);

        var counts = await emulator.GetRequestCountsAsync(token);
        Assert.IsFalse(outcome.Succeeded);
        CollectionAssert.Contains(outcome.Diagnostics.Where(d => d.IsError).Select(Describe).ToList(), expected, string.Join("\n", outcome.Diagnostics));
        Assert.AreEqual(0, counts.Reads + counts.Writes, string.Join(", ", counts.Operations));
    }

    private string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Code} {(diagnostic.Span?.File is { } file ? Path.GetRelativePath(Workspace, Path.GetFullPath(file, Workspace)).Replace('\\', '/') : "-")}";
}
