using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;

namespace Gitmoxi.Benchmarks;

/// <summary>
/// The event source mappings AWS would list for generated functions: <c>ListEventSourceMappings</c> items (every
/// member AWS returns, defaults and read-only members included) and <c>ListTags</c> results. A function whose
/// mapping differs has a larger batch size live and lacks one declared tag: an in-place update.
/// </summary>
internal static class LiveState
{
    private const string LastModified = "1767225600.0";

    public static string QualifiedArn(FunctionDefinition function) =>
        $"arn:aws:lambda:{BenchRepository.Region}:{BenchRepository.Account}:function:{function.FunctionName}:{function.Qualifier}";

    /// <summary>Half the functions (even index) differ from their files, half match.</summary>
    public static bool Differs(int index) => index % 2 == 0;

    public static IReadOnlyList<LiveMapping> Mappings(FunctionDefinition function, int index)
    {
        var differs = Differs(index);
        return [.. function.EventSourceMappings.Select((declared, i) => Mapping(function, declared, $"{function.FunctionName}/{i}", differs))];
    }

    private static LiveMapping Mapping(FunctionDefinition function, EventSourceMappingDefinition declared, string seed, bool differs)
    {
        var uuid = Uuid(seed);
        var configuration = new JsonObject
        {
            ["UUID"] = uuid,
            ["StartingPosition"] = declared.Members["StartingPosition"]?.DeepClone(),
            ["BatchSize"] = int.Parse(declared.Members["BatchSize"]!.ToJsonString(), CultureInfo.InvariantCulture) + (differs ? 1 : 0),
            ["MaximumBatchingWindowInSeconds"] = declared.Members["MaximumBatchingWindowInSeconds"]?.DeepClone() ?? 0,
            ["ParallelizationFactor"] = declared.Members["ParallelizationFactor"]?.DeepClone(),
            ["EventSourceArn"] = declared.EventSourceArn,
            ["FilterCriteria"] = declared.Members["FilterCriteria"]?.DeepClone(),
            ["FunctionArn"] = QualifiedArn(function),
            ["LastModified"] = JsonNode.Parse(LastModified),
            ["LastProcessingResult"] = "No records processed",
            ["State"] = "Enabled",
            ["StateTransitionReason"] = "USER_INITIATED",
            ["DestinationConfig"] = declared.Kind == EventSourceKind.Sqs ? null : new JsonObject { ["OnFailure"] = new JsonObject() },
            ["MaximumRecordAgeInSeconds"] = declared.Members["MaximumRecordAgeInSeconds"]?.DeepClone(),
            ["BisectBatchOnFunctionError"] = declared.Members["BisectBatchOnFunctionError"]?.DeepClone(),
            ["MaximumRetryAttempts"] = declared.Members["MaximumRetryAttempts"]?.DeepClone(),
            ["TumblingWindowInSeconds"] = declared.Kind == EventSourceKind.Sqs ? null : 0,
            ["FunctionResponseTypes"] = declared.Members["FunctionResponseTypes"]?.DeepClone() ?? new JsonArray(),
            ["ScalingConfig"] = declared.Members["ScalingConfig"]?.DeepClone(),
            ["EventSourceMappingArn"] = $"arn:aws:lambda:{BenchRepository.Region}:{BenchRepository.Account}:event-source-mapping:{uuid}",
        };
        foreach (var absent in configuration.Where(member => member.Value is null).Select(member => member.Key).ToList())
        {
            configuration.Remove(absent);
        }

        var tags = new Dictionary<string, string>(Ownership.Tags(PlanInput.Owner(function)), StringComparer.Ordinal);
        foreach (var (key, value) in declared.Members["Tags"]!.AsObject())
        {
            if (!differs || key != "cost-center")
            {
                tags[key] = value!.GetValue<string>();
            }
        }

        return new LiveMapping(configuration, tags);
    }

    /// <summary>A UUID derived from <paramref name="seed"/>, formatted as AWS formats mapping UUIDs.</summary>
    private static string Uuid(string seed) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString("D", CultureInfo.InvariantCulture);
}
