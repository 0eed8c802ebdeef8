using System.Globalization;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;

namespace Gitmoxi.Benchmarks;

/// <summary>A generated repository in a temporary directory, deleted on dispose; the benchmarks' shared fixture.</summary>
internal sealed class GeneratedRepository : IDisposable
{
    private GeneratedRepository(string root) => Root = root;

    public string Root { get; }

    public static async Task<GeneratedRepository> CreateAsync(int functions, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "gitmoxi-bench-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        await BenchRepository.WriteAsync(root, functions, cancellationToken);
        return new GeneratedRepository(root);
    }

    /// <summary>Discovers, parses and validates the whole repository, as a run of the tool does first.</summary>
    public Task<DefinitionSet> ReadAsync(CancellationToken cancellationToken) =>
        DefinitionReader.ReadAsync(".", new DefinitionOptions(Root), cancellationToken);

    /// <summary>The definitions, failing loudly if the generator ever writes a file the engine rejects.</summary>
    public async Task<IReadOnlyList<FunctionDefinition>> ReadValidAsync(int expected, CancellationToken cancellationToken)
    {
        var set = await ReadAsync(cancellationToken);
        if (set.Diagnostics.Count > 0 || set.Functions.Count != expected)
        {
            var first = set.Diagnostics.Count > 0 ? set.Diagnostics[0] : null;
            throw new InvalidOperationException(
                $"The generated repository gave {set.Functions.Count} functions of {expected} and {set.Diagnostics.Count} diagnostics; first: {first?.Code} {first?.Message} {first?.Span}");
        }

        return set.Functions;
    }

    /// <summary>Plans every function against <see cref="LiveState"/>: half no-change, half in-place updates.</summary>
    public static Plan Plan(IReadOnlyList<PlanInput> inputs) =>
        new([.. inputs.Select(input =>
        {
            var wiring = MappingDiff.Plan(new PlanTarget(input.Function, input.QualifiedArn, PlanInput.Owner(input.Function), Prune: false), input.Live);
            return new FunctionPlan(
                input.Function.FunctionName, input.Function.Qualifier, input.QualifiedArn, input.Function.DefinitionFile, wiring.Changes, wiring.Drift);
        })], []);

    public static IReadOnlyList<PlanInput> PlanInputs(IReadOnlyList<FunctionDefinition> functions) =>
        [.. functions.Select(function =>
        {
            var index = int.Parse(function.FunctionName.AsSpan(function.FunctionName.LastIndexOf('-') + 1), CultureInfo.InvariantCulture);
            return new PlanInput(function, LiveState.QualifiedArn(function), LiveState.Mappings(function, index));
        })];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>What the pure planner takes for one function.</summary>
internal sealed record PlanInput(FunctionDefinition Function, string QualifiedArn, IReadOnlyList<LiveMapping> Live)
{
    /// <summary>The generated repository is planned with no repository identity; the path is the definition's own.</summary>
    public static OwnerIdentity Owner(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new(string.Empty, function.DefinitionFile);
    }
}
