using BenchmarkDotNet.Attributes;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Rendering;

namespace Gitmoxi.Benchmarks;

/// <summary>Rendering a plan of every function: the job summary (Markdown), the console text and the plan file (JSON).</summary>
[MemoryDiagnoser]
[Config(typeof(OutputSizeConfig))]
public class RenderBenchmarks
{
    private Plan _plan = new([], []);

    [Params(1000)]
    public int Functions { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        using var repository = await GeneratedRepository.CreateAsync(Functions, CancellationToken.None);
        _plan = GeneratedRepository.Plan(GeneratedRepository.PlanInputs(await repository.ReadValidAsync(Functions, CancellationToken.None)));
    }

    [Benchmark]
    public string Markdown() => PlanMarkdownRenderer.Render(_plan);

    [Benchmark]
    public string Text() => PlanTextRenderer.Render(_plan);

    [Benchmark]
    public string PlanFileJson() => PlanJson.Serialize(_plan);
}
