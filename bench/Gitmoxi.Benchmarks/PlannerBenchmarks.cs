using BenchmarkDotNet.Attributes;

namespace Gitmoxi.Benchmarks;

/// <summary>The pure event source mapping diff of every function against AWS-shaped live mappings.</summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private IReadOnlyList<PlanInput> _inputs = [];

    [Params(1000)]
    public int Functions { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var repository = await GeneratedRepository.CreateAsync(Functions, CancellationToken.None);
        _inputs = GeneratedRepository.PlanInputs(await repository.ReadValidAsync(Functions, CancellationToken.None));
    }

    [Benchmark]
    public object DiffEventSourceMappings() => GeneratedRepository.Plan(_inputs);
}
