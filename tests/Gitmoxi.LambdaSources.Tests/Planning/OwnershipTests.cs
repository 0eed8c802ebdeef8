using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>The owner record is the same whichever host runs, from wherever it runs.</summary>
[TestClass]
public sealed class OwnershipTests : IDisposable
{
    private readonly string workspace = Directory.CreateTempSubdirectory("gitmoxi-ownership-").FullName;

    public void Dispose() => Directory.Delete(workspace, recursive: true);

    [TestMethod]
    public void A_definition_is_named_by_its_path_in_the_repository_whether_the_root_is_above_inside_or_at_it()
    {
        // actions/checkout with `path: shop` puts the clone below the workspace; the MSBuild task runs in a project folder inside it.
        Directory.CreateDirectory(Path.Combine(workspace, "shop", ".git"));
        Directory.CreateDirectory(Path.Combine(workspace, "shop", "services", "orders"));

        var fromWorkspace = RepositoryScope.Locate(workspace, "Octo/Shop").Owner("shop/services/orders/orders_lambdaeventsourcedef.json");
        var fromClone = RepositoryScope.Locate(Path.Combine(workspace, "shop"), "octo/shop").Owner("services/orders/orders_lambdaeventsourcedef.json");
        var fromProject = RepositoryScope.Locate(Path.Combine(workspace, "shop", "services", "orders"), "octo/shop ").Owner("orders_lambdaeventsourcedef.json");

        var expected = new OwnerIdentity("octo/shop", "services/orders/orders_lambdaeventsourcedef.json");
        Assert.AreEqual(expected, fromWorkspace);
        Assert.AreEqual(expected, fromClone);
        Assert.AreEqual(expected, fromProject);
    }

    [TestMethod]
    public void Without_a_repository_the_path_is_relative_to_the_root()
    {
        Assert.AreEqual(
            new OwnerIdentity(string.Empty, "orders/orders_lambdaeventsourcedef.json"),
            RepositoryScope.Locate(workspace, null).Owner("orders/orders_lambdaeventsourcedef.json"));
    }

    [TestMethod]
    [DataRow("https://github.com/Octo/Shop.git", "octo/shop")]
    [DataRow("git@github.com:octo/shop.git", "octo/shop")]
    [DataRow("ssh://git@github.example.com:2222/octo/shop", "octo/shop")]
    [DataRow("https://github.com/octo/shop/", "octo/shop")]
    [DataRow("shop", null)]
    [DataRow("", null)]
    public void A_git_remote_names_the_repository_as_owner_slash_name(string url, string? expected) =>
        Assert.AreEqual(expected, Ownership.RepositoryFromRemote(url));

    [TestMethod]
    public void Tags_name_the_repository_only_when_there_is_one_and_the_previous_versions_tags_read_as_an_owner_without_one()
    {
        Assert.AreEqual(
            "gitmoxi:definition=a/x_lambdaeventsourcedef.json gitmoxi:managed-by=gitmoxi-lambda-sources gitmoxi:repository=octo/shop",
            string.Join(' ', Ownership.Tags(new OwnerIdentity("octo/shop", "a/x_lambdaeventsourcedef.json")).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")));
        Assert.IsFalse(Ownership.Tags(new OwnerIdentity(string.Empty, "x")).ContainsKey(Ownership.RepositoryKey));
        Assert.AreEqual(
            new OwnerIdentity(string.Empty, "a/x_lambdaeventsourcedef.json"),
            Ownership.OwnerOf(new Dictionary<string, string> { [Ownership.ManagedByKey] = Ownership.ManagedByValue, [Ownership.DefinitionKey] = "a/x_lambdaeventsourcedef.json" }));
        Assert.IsNull(Ownership.OwnerOf(new Dictionary<string, string> { [Ownership.DefinitionKey] = "a/x_lambdaeventsourcedef.json" }));
    }
}
