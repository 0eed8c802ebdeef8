using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Gitmoxi.LambdaSources;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using Microsoft.Extensions.Logging;

namespace Gitmoxi.Benchmarks;

/// <summary>
/// <c>read-mappings ENDPOINT REPO auto|account|function</c>: reads every function's mappings of a generated repository
/// the way a plan does (the run's one <see cref="MappingReader"/>, 16 functions at once, every call paced by AWS's
/// documented rate limits), with the listing forced or chosen by <see cref="MappingListingRule"/>. Prints one JSON line:
/// wall seconds of the reads, mappings read, and the progress line saying which listing was used. The driver
/// (<c>bench/large-account/run_large_account.py</c>) counts the calls at the emulator.
/// </summary>
internal static class MappingListingBench
{
    public static async Task<int> RunAsync(string endpoint, string repository, string listing)
    {
        var mode = listing switch
        {
            "account" => MappingListing.AccountWide,
            "function" => MappingListing.ByFunction,
            _ => MappingListing.Auto,
        };
        var definitions = await LambdaSourcesEngine.ReadAsync(".", new DefinitionOptions(Path.GetFullPath(repository)), CancellationToken.None);
        var settings = new AwsSettings(BenchRepository.Region, new BasicAWSCredentials("test", "test")) { Endpoint = new Uri(endpoint) };
        using var http = new HttpClient();
        var log = new LinesLogger();
        var aws = AwsClients.Create(http, settings) with { Logger = log };
        var functions = definitions.Functions;
        var reader = new MappingReader(aws, functions, mode);
        var read = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(functions, new ParallelOptions { MaxDegreeOfParallelism = new EngineOptions().MaxConcurrency }, async (function, ct) =>
        {
            var target = new PlanTarget(function, LiveState.QualifiedArn(function), new OwnerIdentity(string.Empty, function.DefinitionFile), Prune: false);
            var live = (MappingLive)await reader.ReadAsync(target, ct);
            Interlocked.Add(ref read, live.Mappings.Count);
        });
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["listing"] = listing,
                ["seconds"] = seconds.ToString("0.000", CultureInfo.InvariantCulture),
                ["functions"] = functions.Count.ToString(CultureInfo.InvariantCulture),
                ["mappingsRead"] = read.ToString(CultureInfo.InvariantCulture),
                ["decision"] = string.Join(" | ", log.Lines),
            },
            BenchJson.Default.DictionaryStringString));
        return 0;
    }

    private sealed class LinesLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;
