using System.Text.RegularExpressions;

namespace Gitmoxi.LambdaSources.Tests.Applying;

/// <summary>
/// Apply executes typed operations only: no source file of the apply path reads plan data by string key, reads a
/// JSON node's members, or reads a change's display data (fields, notes) to decide what to do.
/// </summary>
[TestClass]
public sealed partial class ApplyPathSourceTests
{
    [TestMethod]
    public void No_file_of_the_apply_path_reads_plan_data_by_string_key_or_from_display_data()
    {
        var engine = EngineSourceDirectory();
        var files = Directory.GetFiles(Path.Combine(engine, "Applying"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(engine, "Providers"), "*.cs", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f) is var name && (name.EndsWith("Applier.cs", StringComparison.Ordinal)
                    || name.EndsWith("Provider.cs", StringComparison.Ordinal) || name.EndsWith("Operations.cs", StringComparison.Ordinal))))
            .ToList();

        Assert.IsGreaterThanOrEqualTo(10, files.Count, string.Join("\n", files));
        var offences = files
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: Path.GetRelativePath(engine, file), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && StringKeyedRead().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.IsEmpty(offences, string.Join("\n", offences));
    }

    /// <summary>An indexer with a string literal, a JSON node's member reads, or a change's display data.</summary>
    [GeneratedRegex(@"\[\s*""|\bGetValue<|\bJsonNode\b|\.AsObject\(|\.AsArray\(|TryGetPropertyValue|\.Desired\b|\.Fields\b|\.Notes\b")]
    private static partial Regex StringKeyedRead();

    private static string EngineSourceDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var engine = Path.Combine(directory.FullName, "src", "Gitmoxi.LambdaSources");
            if (Directory.Exists(engine))
            {
                return engine;
            }
        }

        throw new DirectoryNotFoundException("src/Gitmoxi.LambdaSources not found above " + AppContext.BaseDirectory);
    }
}
