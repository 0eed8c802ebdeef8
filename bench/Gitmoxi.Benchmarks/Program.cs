using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Gitmoxi.Benchmarks;

// "generate N DIR" writes the benchmark repository for the emulator baselines and the end-to-end harness;
// anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args is ["generate", var count, var directory])
{
    Directory.CreateDirectory(directory);
    await BenchRepository.WriteAsync(directory, int.Parse(count, CultureInfo.InvariantCulture), CancellationToken.None);
    Console.WriteLine($"Wrote {count} function groups and {BenchRepository.ManifestFile} to {Path.GetFullPath(directory)}");
    return 0;
}

// "read-mappings ENDPOINT REPO auto|account|function": the large-account benchmark's reads (bench/large-account).
if (args is ["read-mappings", var endpoint, var repository, var listing])
{
    return await MappingListingBench.RunAsync(endpoint, repository, listing);
}

// Medians with min and max: what bench/README.md reports (a loaded 2-core machine makes means misleading).
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
BenchmarkSwitcher.FromAssembly(typeof(BenchRepository).Assembly).Run(args, config);
return 0;
