using System.Diagnostics.CodeAnalysis;
using Gitmoxi.TestSupport;

namespace Gitmoxi.Action.Tests.EndToEnd;

/// <summary>
/// The base of the Action's end-to-end test classes: the class's emulator (<see cref="EmulatorFixture{TTests}"/>),
/// the Action binary located once per class, and before each test, after the emulator's reset, a fresh simulated
/// runner whose workspace holds the examples seeded into the emulator, with the request counts zeroed after that
/// arrangement. A derived <c>[TestInitialize]</c> runs after all of it.
/// </summary>
[TestCategory(TestCategories.EndToEnd)]
public abstract class ActionRunnerFixture<TTests> : EmulatorFixture<TTests>
    where TTests : ActionRunnerFixture<TTests>
{
    private static ActionBinary? located;
    private SimulatedRunner? current;

#pragma warning disable IDE1006 // Named like the fields every test body already uses.
    private protected static ActionBinary binary =>
        located ?? throw new InvalidOperationException($"The Action binary of {typeof(TTests).Name} was not located: its class initialization failed.");

    private protected SimulatedRunner runner =>
        current ?? throw new InvalidOperationException("The simulated runner exists only while a test runs.");
#pragma warning restore IDE1006

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "MSTest calls class initialization as a public static; the generic type gives each class its own binary.")]
    [ClassInitialize(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task LocateActionAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        located = await ActionBinary.LocateAsync(context.CancellationToken);
        context.WriteLine($"End-to-end tests run {located.Description}.");
    }

    [TestInitialize]
    public async Task CreateRunnerAsync()
    {
        TestContext.WriteLine($"Running {binary.Description}.");
        current = await SimulatedRunner.CreateAsync(binary, emulator, TestContext.CancellationToken);
        await emulator.ResetRequestCountsAsync(TestContext.CancellationToken);
    }

    [TestCleanup]
    public void DisposeRunner()
    {
        current?.Dispose();
        current = null;
    }
}
