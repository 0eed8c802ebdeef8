using System.Text;
using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>A scope narrows what is planned to the groups a change touches, and adds the groups it deleted, read from the base.</summary>
[TestClass]
public sealed class DefinitionScopeTests
{
    private static string Mapping(string queue) =>
        "{\"PullEventSources\": {\"EventSourceMapping\": {\"EventSourceArn\": \"arn:aws:sqs:us-east-1:123456789012:" + queue
        + "\", \"BatchSize\": \"{{ size }}\"}}}";

    private static TempTree Repository() => new TempTree()
        .Write("functions/orders/orders_lambdaeventsourcedef.json", Mapping("orders"))
        .Write("functions/orders/orders_lambdadef.json", """{"FunctionName": "orders"}""")
        .Write("functions/orders/orders_lambdainput.json", """{"size": 5}""")
        .Write("functions/billing/billing_lambdaeventsourcedef.json", Mapping("billing"))
        .Write("functions/billing/billing_lambdadef.json", """{"FunctionName": "billing"}""")
        .Write("functions/billing/billing_lambdainput.json", """{"size": 5}""")
        .Write("functions/web/web_lambdaeventsourcedef.json", Mapping("web"))
        .Write("functions/web/web_lambdadef.json", """{"FunctionName": "web"}""")
        .Write("functions/web/web_lambdainput.json", """{"size": 5}""");

    private static Task<DefinitionSet> ReadAsync(TempTree tree, DefinitionScope scope, string path = ".") =>
        DefinitionReader.ReadAsync(path, new DefinitionOptions(tree.Root, Scope: scope), CancellationToken.None);

    private static string Describe(ScopeSummary scope) =>
        $"planned {scope.Planned}, skipped {scope.Skipped}, removed [{string.Join(' ', scope.Removed)}]";

    private static RemovedGroup Removed(string prefix, params (string Suffix, string Text)[] files) =>
        new(prefix, files.ToDictionary(f => prefix + f.Suffix, f => Encoding.UTF8.GetBytes(f.Text), StringComparer.Ordinal));

    [TestMethod]
    [DataRow("_lambdaeventsourcedef.json")]
    [DataRow("_lambdadef.json")]
    [DataRow("_lambdadepdef.json")]
    [DataRow("_lambdainput.json")]
    public async Task A_change_to_any_file_of_a_group_plans_that_group_only(string suffix)
    {
        using var tree = Repository();

        var set = await ReadAsync(tree, new DefinitionScope(["functions/billing/billing" + suffix, "README.md", "functions/web/notes.json"], []));

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.AreEqual("billing", string.Join(' ', set.Functions.Select(f => f.FunctionName)));
        Assert.AreEqual("planned 1, skipped 2, removed []", Describe(set.ChangeScope!));
    }

    [TestMethod]
    public async Task Every_file_is_still_validated_so_an_error_in_an_unchanged_group_is_reported()
    {
        using var tree = Repository().Write("functions/web/web_lambdainput.json", "{}");

        var set = await ReadAsync(tree, new DefinitionScope(["functions/orders/orders_lambdainput.json"], []));

        Assert.AreEqual("functions/web/web_lambdaeventsourcedef.json(1,120): error GMX1020", DiagnosticText.Codes(set));
    }

    [TestMethod]
    public async Task A_deleted_group_is_its_function_and_alias_at_the_base_with_no_sources()
    {
        using var tree = Repository();
        var removed = Removed(
            "functions/gone/gone",
            ("_lambdaeventsourcedef.json", Mapping("gone")),
            ("_lambdadef.json", """{"FunctionName": "{{ name }}"}"""),
            ("_lambdadepdef.json", """{"alias": "live"}"""),
            ("_lambdainput.json", """{"size": 5, "name": "gone-fn"}"""));

        var set = await ReadAsync(tree, new DefinitionScope(["functions/gone/gone_lambdaeventsourcedef.json", "functions/orders/orders_lambdadef.json"], [removed]));

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.AreEqual(
            "orders:functions/orders/orders_lambdaeventsourcedef.json:1 gone-fn:live:functions/gone/gone_lambdaeventsourcedef.json:0",
            string.Join(' ', set.Functions.Select(f => $"{f.FunctionName}:{(f.Qualifier is null ? "" : f.Qualifier + ":")}{f.DefinitionFile}:{f.EventSourceMappings.Count + f.PushSources.Count}")));
        Assert.AreEqual("planned 1, skipped 2, removed [functions/gone/gone_lambdaeventsourcedef.json]", Describe(set.ChangeScope!));
    }

    [TestMethod]
    public async Task A_deleted_group_outside_the_path_or_still_present_is_not_planned()
    {
        using var tree = Repository();
        RemovedGroup[] removed =
        [
            Removed("other/gone/gone", ("_lambdaeventsourcedef.json", Mapping("gone")), ("_lambdadef.json", """{"FunctionName": "gone"}""")),
            Removed("functions/web/web", ("_lambdaeventsourcedef.json", Mapping("web")), ("_lambdadef.json", """{"FunctionName": "web"}""")),
        ];

        var set = await ReadAsync(tree, new DefinitionScope([], removed), path: "functions");

        Assert.AreEqual(string.Empty, DiagnosticText.Codes(set));
        Assert.IsEmpty(set.Functions);
        Assert.AreEqual("planned 0, skipped 3, removed []", Describe(set.ChangeScope!));
    }

    [TestMethod]
    public async Task A_deleted_group_without_a_function_or_whose_function_moved_is_a_warning_and_not_planned()
    {
        using var tree = Repository();
        RemovedGroup[] removed =
        [
            Removed("functions/nameless/nameless", ("_lambdaeventsourcedef.json", Mapping("nameless"))),
            Removed("functions/old/orders", ("_lambdaeventsourcedef.json", Mapping("orders")), ("_lambdadef.json", """{"FunctionName": "orders"}""")),
        ];

        var set = await ReadAsync(tree, new DefinitionScope(["functions/orders/orders_lambdaeventsourcedef.json"], removed));

        Assert.AreEqual(
            "functions/nameless/nameless_lambdaeventsourcedef.json(1,1): warning GMX3040\n"
            + "functions/old/orders_lambdaeventsourcedef.json(1,1): warning GMX3041",
            DiagnosticText.Codes(set));
        Assert.AreEqual("orders", string.Join(' ', set.Functions.Select(f => f.FunctionName)));
        Assert.IsEmpty(set.ChangeScope!.Removed);
    }

    [TestMethod]
    [DataRow("a/b/orders_lambdainput.json", "a/b/orders")]
    [DataRow("_lambdaeventsourcedef.json", "")]
    [DataRow("orders/_lambdadepdef.json", "orders/")]
    [DataRow("orders/orders.json", null)]
    public void A_file_belongs_to_the_group_of_its_prefix(string path, string? group) =>
        Assert.AreEqual(group, DefinitionScope.GroupOf(path));
}
