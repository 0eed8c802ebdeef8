using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>Runs the launcher's own Python tests inside <c>dotnet test</c>, so CI covers every correction of the
/// emulator the way it covers the engine. Run them alone with <c>python3 -m unittest</c> in
/// tests/Gitmoxi.TestSupport/emulator.</summary>
[TestClass]
[TestCategory(TestCategories.Emulator)]
[TestCategory(TestCategories.Python)]
public sealed class LauncherUnitTestsTests(TestContext testContext)
{
    [TestMethod]
    public async Task The_launchers_python_tests_pass()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(testContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));

        var (exitCode, report) = await LauncherUnitTests.RunAsync(timeout.Token);

        testContext.WriteLine(report);
        Assert.AreEqual(0, exitCode, report);
        StringAssert.Contains(report, "\nOK", report);
    }
}
