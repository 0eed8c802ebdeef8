using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>
/// Bad input never reaches AWS: every invalid corpus file, run through the whole plan-and-apply sequence a host runs,
/// leaves the emulator without a single request (the launcher's counts prove it).
/// </summary>
[TestClass]
public sealed class InvalidDefinitionsEndToEndTests : EmulatorFixture<InvalidDefinitionsEndToEndTests>
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus", "Definitions");

    /// <summary>Each file with expected diagnostics, and the host default function name the manifest runs it with.</summary>
    public static IEnumerable<object?[]> InvalidCases
    {
        get
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusDirectory, "corpus.json")))!;
            return manifest["cases"]!.AsArray()
                .Where(c => c!["expected"]!.AsArray().Count > 0)
                .Select(c => new object?[]
                {
                    (string)c!["file"]!,
                    c.AsObject().ContainsKey("defaultFunctionName") ? (string?)c["defaultFunctionName"] : (string?)manifest["defaultFunctionName"],
                });
        }
    }

    [TestInitialize]
    public async Task TestInitialize() => await emulator.SeedAsync(TestContext.CancellationToken);

    [TestMethod]
    [DynamicData(nameof(InvalidCases))]
    public async Task Invalid_definition_makes_no_aws_call_in_plan_or_apply(string file, string? defaultFunctionName)
    {
        var token = TestContext.CancellationToken;
        var definitions = await LambdaSourcesEngine.ReadAsync(file, new DefinitionOptions(CorpusDirectory, defaultFunctionName), token);
        if (!definitions.HasErrors)
        {
            // Warning-only files are valid input: they are planned like any other.
            Assert.IsNotEmpty(definitions.Diagnostics, file);
            return;
        }

        using var engine = LambdaSourcesEngine.Create(
            new AwsSettings(Emulator.Region, new BasicAWSCredentials(Emulator.AccessKeyId, Emulator.SecretAccessKey)) { Endpoint = emulator.Endpoint },
            new EngineOptions());
        await emulator.ResetRequestCountsAsync(token);

        var outcome = await engine.RunAsync(new RunRequest(CorpusDirectory, file, RunMode.Apply, defaultFunctionName), token);

        var counts = await emulator.GetRequestCountsAsync(token);
        Assert.IsFalse(outcome.Succeeded);
        Assert.IsEmpty(outcome.Plan.Functions);
        Assert.IsEmpty(outcome.Result!.Functions);
        Assert.AreEqual(0, counts.Reads + counts.Writes, string.Join(", ", counts.Operations));
    }

    [TestMethod]
    public void Corpus_has_at_least_forty_invalid_files() =>
        Assert.IsGreaterThanOrEqualTo(40, InvalidCases.Count());
}
