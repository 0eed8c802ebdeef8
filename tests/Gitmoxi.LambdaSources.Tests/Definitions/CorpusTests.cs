using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Json.Schema;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>
/// Every file of <c>Corpus/Definitions</c> against its expectations in <c>corpus.json</c>, and the shipped JSON Schema
/// against the engine on the files whose problems a schema can express.
/// </summary>
[TestClass]
public sealed class CorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus", "Definitions");
    private static readonly Lazy<JsonObject> Manifest = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusDirectory, "corpus.json")))!.AsObject());
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(RepositoryFile("schema/lambdaeventsourcedef.schema.json")));

    public static IEnumerable<object[]> Cases => CaseNodes.Select(c => new object[] { (string)c["file"]! });

    private static IEnumerable<JsonObject> CaseNodes => Manifest.Value["cases"]!.AsArray().Select(c => c!.AsObject());

    [TestMethod]
    public void Manifest_describes_every_corpus_file_and_at_least_thirty()
    {
        var onDisk = Directory.GetFiles(CorpusDirectory, "*_lambdaeventsourcedef.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var described = CaseNodes.Select(c => (string)c["file"]!).Order(StringComparer.Ordinal).ToList();

        CollectionAssert.AreEqual(onDisk, described);
        Assert.IsGreaterThanOrEqualTo(30, described.Count);
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Engine_reports_exactly_the_expected_diagnostics(string file)
    {
        var entry = Case(file);
        var defaultFunction = entry.ContainsKey("defaultFunctionName") ? (string?)entry["defaultFunctionName"] : (string?)Manifest.Value["defaultFunctionName"];

        var set = await DefinitionReader.ReadAsync(file, new DefinitionOptions(CorpusDirectory, defaultFunction), CancellationToken.None);

        var expected = entry["expected"]!.AsArray().Select(e => Line(
            (string?)e!["file"] ?? file, (int)e["line"]!, (int)e["column"]!, (string)e["code"]!));
        var actual = set.Diagnostics.Select(d => Line(d.Span?.File ?? "-", d.Span?.Line ?? 0, d.Span?.Column ?? 0, d.Code));
        Assert.AreEqual(string.Join("\n", expected), string.Join("\n", actual), string.Join("\n", set.Diagnostics));
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Schema_gives_the_expected_verdict(string file)
    {
        var entry = Case(file);
        if (entry["schemaAccepts"] is not { } accepts)
        {
            return;
        }

        var results = Schema.Value.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusDirectory, file))),
            new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.AreEqual((bool)accepts, results.IsValid, Explain(results));
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Engine_and_schema_agree_on_schema_checkable_files(string file)
    {
        var entry = Case(file);
        if (!(bool)entry["schemaCheckable"]!)
        {
            return;
        }

        var set = await DefinitionReader.ReadAsync(file, new DefinitionOptions(CorpusDirectory, "CorpusFunction"), CancellationToken.None);
        var results = Schema.Value.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusDirectory, file))));

        Assert.AreEqual(results.IsValid, !set.HasErrors, string.Join("\n", set.Diagnostics));
    }

    private static JsonObject Case(string file) => CaseNodes.Single(c => (string)c["file"]! == file);

    private static string Line(string file, int line, int column, string code) => $"{file}({line},{column}): {code}";

    private static string Explain(EvaluationResults results) => string.Join("\n",
        (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {d.EvaluationPath}: {e.Value}")));

    internal static string RepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}.");
    }
}
