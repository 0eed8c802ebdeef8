using System.Globalization;
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

BenchmarkSwitcher.FromAssembly(typeof(BenchRepository).Assembly).Run(args);
return 0;
