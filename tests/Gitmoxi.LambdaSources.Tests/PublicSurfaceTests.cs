namespace Gitmoxi.LambdaSources.Tests;

/// <summary>
/// The engine exports what its two hosts (the Action and the MSBuild task) use, nothing more: a type made public
/// becomes a promise to every caller, so adding one is a decision this list records.
/// </summary>
[TestClass]
public sealed class PublicSurfaceTests
{
    private const int MaxPublicTypes = 30;

    private static readonly string[] Expected =
    [
        "Gitmoxi.LambdaSources.Aws.AccountRoles",
        "Gitmoxi.LambdaSources.Aws.AwsEndpointConfiguration",
        "Gitmoxi.LambdaSources.Aws.AwsService",
        "Gitmoxi.LambdaSources.Aws.AwsSettings",
        "Gitmoxi.LambdaSources.Definitions.DefinitionScope",
        "Gitmoxi.LambdaSources.Definitions.RemovedGroup",
        "Gitmoxi.LambdaSources.Definitions.ScopeSummary",
        "Gitmoxi.LambdaSources.Diagnostics.Diagnostic",
        "Gitmoxi.LambdaSources.Diagnostics.DiagnosticCodes",
        "Gitmoxi.LambdaSources.Diagnostics.DiagnosticSeverity",
        "Gitmoxi.LambdaSources.Diagnostics.GitmoxiException",
        "Gitmoxi.LambdaSources.Diagnostics.SourceSpan",
        "Gitmoxi.LambdaSources.EngineOptions",
        "Gitmoxi.LambdaSources.LambdaSourcesEngine",
        "Gitmoxi.LambdaSources.Planning.Ownership",
        "Gitmoxi.LambdaSources.Planning.PlanTotals",
        "Gitmoxi.LambdaSources.Rendering.PlanCommentContext",
        "Gitmoxi.LambdaSources.Rendering.PlanCommentRenderer",
        "Gitmoxi.LambdaSources.Retrying.Backoff",
        "Gitmoxi.LambdaSources.RunMode",
        "Gitmoxi.LambdaSources.RunOutcome",
        "Gitmoxi.LambdaSources.RunRequest",
    ];

    private static string[] Exported() =>
        [.. typeof(LambdaSourcesEngine).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal)];

    [TestMethod]
    public void The_engine_exports_exactly_the_types_its_hosts_use()
    {
        Assert.AreEqual(string.Join('\n', Expected), string.Join('\n', Exported()));
    }

    [TestMethod]
    public void The_engine_exports_at_most_thirty_types()
    {
        Assert.IsLessThanOrEqualTo(MaxPublicTypes, Exported().Length);
    }
}
