using System.Diagnostics.CodeAnalysis;

namespace Gitmoxi.TestSupport;

/// <summary>
/// The base of every test class that talks to the emulator: one private emulator per test class, taken before
/// its first test, reset before each test and given back after its last one (reset, for a later class:
/// <see cref="EmulatorPool"/>). Classes run in parallel, so each needs its own; the type parameter gives each
/// class its own static (one per closed generic type), e.g.
/// <c>[TestClass] public sealed class ApplyTests : EmulatorFixture&lt;ApplyTests&gt;</c>. A derived
/// <c>[TestInitialize]</c> runs after the reset, to configure and seed. See README.md.
/// </summary>
[TestCategory(TestCategories.Emulator)]
public abstract class EmulatorFixture<TTests>
    where TTests : EmulatorFixture<TTests>
{
    private static Emulator? started;

    /// <summary>Set by MSTest before each test.</summary>
    public TestContext TestContext { get; set; } = null!;

#pragma warning disable IDE1006 // Named like the field every test body already uses.
    /// <summary>This class's emulator.</summary>
    protected static Emulator emulator =>
        started ?? throw new InvalidOperationException($"The emulator of {typeof(TTests).Name} is not running: its class initialization failed.");
#pragma warning restore IDE1006

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "MSTest calls class initialization and cleanup as public statics; the generic type is what gives each class its own emulator.")]
    [ClassInitialize(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task TakeEmulatorAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        started = await EmulatorPool.RentAsync(context.CancellationToken);
    }

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "MSTest calls class initialization and cleanup as public statics; the generic type is what gives each class its own emulator.")]
    [ClassCleanup(InheritanceBehavior.BeforeEachDerivedClass)]
    public static async Task ReturnEmulatorAsync()
    {
        if (Interlocked.Exchange(ref started, null) is { } running)
        {
            await EmulatorPool.ReturnAsync(running);
        }
    }

    [TestInitialize]
    public async Task ResetEmulatorAsync() => await emulator.ResetAsync(TestContext.CancellationToken);

    /// <summary>Every request the test's clients sent must be one botocore would send: the oracle in the launcher
    /// checked each (operation, input shape, serialization, SigV4 signature) and kept what differed.</summary>
    [TestCleanup]
    public async Task AssertBotocoreAgreesAsync()
    {
        if (started is null)
        {
            return;
        }

        var report = await emulator.GetOracleReportAsync(CancellationToken.None);
        if (report.Mismatches.Count > 0)
        {
            Assert.Fail($"botocore disagrees with {report.Mismatches.Count} request(s) of this test ({report.Checked} checked):\n{report.Describe()}");
        }
    }
}
