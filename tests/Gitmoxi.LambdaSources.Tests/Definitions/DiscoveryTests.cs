using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

[TestClass]
public sealed class DiscoveryTests
{
    private const string Push = """{"PushEventSources": [{"Service": "apigateway.amazonaws.com", "ApiId": "a1", "RouteId": "r1"}]}""";

    private static string Named(string function) =>
        "{\"PullEventSources\": {\"EventSourceMapping\": {\"EventSourceArn\": \"arn:aws:sqs:us-east-1:123456789012:q\", \"FunctionName\": \""
        + function + "\"}}}";

    [TestMethod]
    public async Task Directories_are_searched_recursively_in_ordinal_order_skipping_build_and_vcs_folders()
    {
        using var tree = new TempTree()
            .Write("services/b/b_lambdaeventsourcedef.json", Named("b"))
            .Write("services/a/a_lambdaeventsourcedef.json", Named("a"))
            .Write("services/B/B_lambdaeventsourcedef.json", Named("B"))
            .Write("services/a/_lambdaeventsourcedef.json", Named("a2"))
            .Write(".git/x/x_lambdaeventsourcedef.json", "not json")
            .Write("services/a/bin/Release/a_lambdaeventsourcedef.json", "not json")
            .Write("services/a/obj/a_lambdaeventsourcedef.json", "not json")
            .Write("node_modules/pkg/p_lambdaeventsourcedef.json", "not json")
            .Write("services/a/a_lambdaeventsourcedef.json.bak", "not json");

        var set = await tree.ReadAsync();

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.AreEqual(
            "services/B/B services/a/ services/a/a services/b/b",
            string.Join(" ", set.Functions.Select(f => f.Prefix)));
    }

    [TestMethod]
    public async Task Companion_files_join_the_definition_with_the_same_prefix_only()
    {
        using var tree = new TempTree()
            .Write("orders/orders_lambdaeventsourcedef.json", Push)
            .Write("orders/orders_lambdadef.json", """{"FunctionName": "orders"}""")
            .Write("orders/orders_lambdadepdef.json", """{"alias": "live"}""")
            .Write("orders/other_lambdadef.json", """{"FunctionName": "other"}""")
            .Write("orders/_lambdadepdef.json", """{"alias": "wrong"}""");

        var set = await tree.ReadAsync("orders");

        var function = set.Functions.Single();
        Assert.AreEqual(("orders/orders", "orders", "live"), (function.Prefix, function.FunctionName, function.Qualifier));
    }

    [TestMethod]
    public async Task A_single_file_can_be_read_by_relative_or_absolute_path()
    {
        using var tree = new TempTree()
            .Write("orders/orders_lambdaeventsourcedef.json", Named("orders"))
            .Write("other/other_lambdaeventsourcedef.json", "not json");

        var relative = await tree.ReadAsync("orders/orders_lambdaeventsourcedef.json");
        var absolute = await tree.ReadAsync(Path.Combine(tree.Root, "orders", "orders_lambdaeventsourcedef.json"));

        Assert.AreEqual("orders", relative.Functions.Single().FunctionName);
        Assert.AreEqual("orders/orders_lambdaeventsourcedef.json", absolute.Functions.Single().DefinitionFile);
        Assert.AreEqual(string.Empty, DiagnosticText.Codes(absolute));
    }

    [TestMethod]
    public async Task Problems_of_every_file_are_reported_together()
    {
        using var tree = new TempTree()
            .Write("a/a_lambdaeventsourcedef.json", "{\"PushEventSources\": 1}")
            .Write("b/b_lambdaeventsourcedef.json", "{,}")
            .Write("c/c_lambdaeventsourcedef.json", Named("c"));

        var set = await tree.ReadAsync(defaultFunctionName: "f");

        Assert.AreEqual(
            """
            a/a_lambdaeventsourcedef.json(1,22): error GMX2002
            b/b_lambdaeventsourcedef.json(1,2): error GMX1007
            """,
            DiagnosticText.Codes(set));
        Assert.AreEqual("c", set.Functions.Single().FunctionName);
    }

    [TestMethod]
    [DataRow("orders/orders_lambdadef.json", "GMX1003")]
    [DataRow("missing", "GMX1002")]
    [DataRow("../outside", "GMX1001")]
    [DataRow("orders/../../outside", "GMX1001")]
    public async Task Bad_paths_are_diagnostics_and_nothing_is_read(string path, string code)
    {
        using var tree = new TempTree()
            .Write("orders/orders_lambdaeventsourcedef.json", Push)
            .Write("orders/orders_lambdadef.json", """{"FunctionName": "orders"}""");

        var set = await tree.ReadAsync(path);

        Assert.AreEqual(code, set.Diagnostics.Single().Code);
        Assert.IsTrue(set.HasErrors);
        Assert.AreEqual(0, set.Functions.Count);
    }

    [TestMethod]
    public async Task An_absolute_path_outside_the_root_is_refused()
    {
        using var tree = new TempTree().Write("inside/a_lambdaeventsourcedef.json", Push);
        using var other = new TempTree().Write("a_lambdaeventsourcedef.json", Push);

        var set = await DefinitionReader.ReadAsync(other.Root, new DefinitionOptions(Path.Combine(tree.Root, "inside"), "f"), CancellationToken.None);

        Assert.AreEqual("GMX1001", set.Diagnostics.Single().Code);
    }

    [TestMethod]
    public async Task Symbolic_links_that_leave_the_root_are_refused_and_links_inside_are_followed()
    {
        using var outside = new TempTree()
            .Write("secret_lambdaeventsourcedef.json", Push)
            .Write("secret_lambdadef.json", """{"FunctionName": "secret"}""")
            .Write("dir/d_lambdaeventsourcedef.json", Push);
        using var tree = new TempTree()
            .Write("real/r_lambdaeventsourcedef.json", Named("r"))
            .Write("repo/orders_lambdaeventsourcedef.json", Push);
        File.CreateSymbolicLink(Path.Combine(tree.Root, "repo", "leak_lambdaeventsourcedef.json"), Path.Combine(outside.Root, "secret_lambdaeventsourcedef.json"));
        File.CreateSymbolicLink(Path.Combine(tree.Root, "repo", "orders_lambdadef.json"), Path.Combine(outside.Root, "secret_lambdadef.json"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "repo", "linked-out"), Path.Combine(outside.Root, "dir"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "repo", "linked-in"), Path.Combine(tree.Root, "real"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "repo", "loop"), Path.Combine(tree.Root, "repo"));

        var set = await tree.ReadAsync("repo", defaultFunctionName: "orders");

        Assert.AreEqual(
            """
            repo/leak_lambdaeventsourcedef.json(1,1): error GMX1001
            repo/linked-out(1,1): error GMX1001
            repo/orders_lambdadef.json(1,1): error GMX1001
            """,
            DiagnosticText.Codes(set));
        Assert.AreEqual("repo/linked-in/r_lambdaeventsourcedef.json", set.Functions.Single().DefinitionFile);
    }

    [TestMethod]
    public async Task A_directory_without_definitions_is_a_warning()
    {
        using var tree = new TempTree().Write("readme.md", "#");

        var set = await tree.ReadAsync();

        Assert.AreEqual("GMX1011", set.Diagnostics.Single().Code);
        Assert.IsFalse(set.HasErrors);
    }
}
