using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Gitmoxi.Benchmarks;

/// <summary>
/// The UTF-8 size of what a benchmark returns (a rendered plan), next to its time: the job summary has a 1 MiB
/// limit, so size is half of what a renderer benchmark measures. Computed once per case in the host process.
/// </summary>
public sealed class OutputSizeColumn : IColumn
{
    private readonly ConcurrentDictionary<BenchmarkCase, string> _sizes = new();

    public string Id => nameof(OutputSizeColumn);

    public string ColumnName => "Output";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => "UTF-8 size of the returned text (KiB; 1 MiB = 1024 KiB)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => _sizes.GetOrAdd(benchmarkCase, Measure);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static string Measure(BenchmarkCase benchmarkCase)
    {
        var descriptor = benchmarkCase.Descriptor;
        var instance = Activator.CreateInstance(descriptor.Type)!;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            descriptor.Type.GetProperty(parameter.Name)!.SetValue(instance, parameter.Value);
        }

        if (descriptor.GlobalSetupMethod?.Invoke(instance, null) is Task setup)
        {
            setup.GetAwaiter().GetResult();
        }

        var output = descriptor.WorkloadMethod.Invoke(instance, null) as string ?? string.Empty;
        var bytes = Encoding.UTF8.GetByteCount(output);
        return (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KiB";
    }
}

/// <summary>Adds <see cref="OutputSizeColumn"/> to a benchmark class's summary.</summary>
public sealed class OutputSizeConfig : ManualConfig
{
    public OutputSizeConfig() => AddColumn(new OutputSizeColumn());
}
