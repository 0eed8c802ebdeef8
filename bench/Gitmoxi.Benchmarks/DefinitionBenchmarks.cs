using BenchmarkDotNet.Attributes;

namespace Gitmoxi.Benchmarks;

/// <summary>Discover + parse + validate (placeholders and companion files included) of a whole repository.</summary>
[MemoryDiagnoser]
public class DefinitionBenchmarks : IDisposable
{
    private GeneratedRepository? _repository;

    [Params(1000)]
    public int Functions { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _repository = await GeneratedRepository.CreateAsync(Functions, CancellationToken.None);
        await _repository.ReadValidAsync(Functions, CancellationToken.None);
    }

    [Benchmark]
    public async Task<object> DiscoverParseValidate() => await _repository!.ReadAsync(CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _repository?.Dispose();
        _repository = null;
        GC.SuppressFinalize(this);
    }
}
