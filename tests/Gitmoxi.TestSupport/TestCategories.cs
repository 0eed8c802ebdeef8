namespace Gitmoxi.TestSupport;

/// <summary>Categories of the slow tests, so the fast ones run alone:
/// <c>dotnet test Gitmoxi.Action.sln -c Release --filter "TestCategory!=Emulator"</c> (see README.md).</summary>
public static class TestCategories
{
    /// <summary>Tests that start moto through the emulator launcher (every <see cref="EmulatorFixture{TTests}"/>).</summary>
    public const string Emulator = "Emulator";

    /// <summary>Tests that run a published artifact: the Action's AOT binary, a packed MSBuild task under <c>dotnet publish</c>.
    /// They use the emulator too.</summary>
    public const string EndToEnd = "EndToEnd";

    /// <summary>Tests that run the launcher's own Python tests (<c>python3 -m unittest</c>); fast, but need python3 and moto.</summary>
    public const string Python = "Python";
}
