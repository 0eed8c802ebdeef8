using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gitmoxi.Benchmarks;

/// <summary>The pull source kind a generated function reads from.</summary>
public enum PullKind
{
    Sqs,
    Kinesis,
    DynamoDbStream,
}

/// <summary>The push source kind a generated function is invoked by.</summary>
public enum PushKind
{
    LoadBalancer,
    HttpApi,
}

/// <summary>One generated function group: its names, its sources and the placeholder values of its input file.</summary>
/// <param name="Directory">Root-relative directory of the group's files, '/'-separated.</param>
public sealed record GeneratedFunction(int Index, string Name, string Directory, PullKind Pull, PushKind Push)
{
    public const string Alias = "live";

    public string Prefix => $"{Directory}/{Stem}";

    public string DefinitionFile => Prefix + "_lambdaeventsourcedef.json";

    public string InputFile => Prefix + "_lambdainput.json";

    /// <summary>The queue, stream or table (whose stream is read) name.</summary>
    public string SourceName => Pull switch
    {
        PullKind.Sqs => $"bench-q-{Number}",
        PullKind.Kinesis => $"bench-stream-{Number}",
        _ => $"bench-table-{Number}",
    };

    public string TargetGroupName => $"bench-tg-{Number}";

    public string RouteKey => $"POST /orders/{Number}";

    public string Team => $"team-{Index % 25:D2}";

    private string Number => Index.ToString("D4", CultureInfo.InvariantCulture);

    private string Stem => $"fn-{Number}";
}

/// <summary>
/// A deterministic repository of N function groups, each with one pull source (SQS, Kinesis or a DynamoDB stream)
/// and one push source (a load balancer target group or an HTTP API route), written as a user would: the definition
/// uses <c>{{ placeholders }}</c>, the input file holds the values, the <c>_lambdadef.json</c> and
/// <c>_lambdadepdef.json</c> companions name the function and its alias. The same N always gives the same bytes.
/// </summary>
/// <remarks>
/// The input files hold plausible ARNs and ids for the micro-benchmarks; the emulator seeding script
/// (<c>bench/world/seed_world.py</c>) overwrites them with the ARNs and ids the emulator generated, guided by
/// <see cref="ManifestFile"/>.
/// </remarks>
public static class BenchRepository
{
    public const string ManifestFile = "bench-world.json";
    public const string Region = "us-east-1";
    public const string Account = "123456789012";
    public const string HttpApiName = "bench-api";

    // Relaxed escaping writes filter patterns as a person would (\"), not as \u0022.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static GeneratedFunction Function(int index)
    {
        var pull = (index % 4) switch
        {
            2 => PullKind.Kinesis,
            3 => PullKind.DynamoDbStream,
            _ => PullKind.Sqs,
        };
        var push = index % 2 == 0 ? PushKind.LoadBalancer : PushKind.HttpApi;
        var number = index.ToString("D4", CultureInfo.InvariantCulture);
        var directory = $"services/team-{index % 25:D2}/fn-{number}";
        return new GeneratedFunction(index, $"bench-fn-{number}", directory, pull, push);
    }

    public static IReadOnlyList<GeneratedFunction> Functions(int count) =>
        [.. Enumerable.Range(1, count).Select(Function)];

    /// <summary>Writes <paramref name="count"/> function groups and the manifest under <paramref name="root"/>.</summary>
    public static async Task WriteAsync(string root, int count, CancellationToken cancellationToken)
    {
        var functions = Functions(count);
        foreach (var function in functions)
        {
            Directory.CreateDirectory(Path.Combine(root, function.Directory));
            await WriteAsync(root, function.DefinitionFile, Definition(function), cancellationToken);
            await WriteAsync(root, function.InputFile, Input(function), cancellationToken);
            await WriteAsync(root, function.Prefix + "_lambdadef.json", LambdaDefinition(function), cancellationToken);
            await WriteAsync(root, function.Prefix + "_lambdadepdef.json", DeploymentDefinition(), cancellationToken);
        }

        await WriteAsync(root, ManifestFile, Manifest(functions), cancellationToken);
    }

    /// <summary>The event source definition, with its ARNs, ids and a few numbers as placeholders.</summary>
    public static JsonObject Definition(GeneratedFunction function)
    {
        JsonObject push = function.Push == PushKind.LoadBalancer
            ? new JsonObject { ["Service"] = "elasticloadbalancing.amazonaws.com", ["TargetGroupArn"] = "{{ target_group_arn }}" }
            : new JsonObject { ["Service"] = "apigateway.amazonaws.com", ["ApiId"] = "{{ api_id }}", ["RouteId"] = "{{ route_id }}" };
        return new JsonObject
        {
            ["PushEventSources"] = new JsonArray(push),
            ["PullEventSources"] = new JsonObject { ["EventSourceMapping"] = Mapping(function) },
        };
    }

    private static JsonObject Mapping(GeneratedFunction function)
    {
        var mapping = new JsonObject { ["EventSourceArn"] = "{{ source_arn }}", ["BatchSize"] = "{{ batch_size }}" };
        switch (function.Pull)
        {
            case PullKind.Sqs:
                mapping["MaximumBatchingWindowInSeconds"] = 5;
                mapping["FunctionResponseTypes"] = new JsonArray("ReportBatchItemFailures");
                mapping["ScalingConfig"] = new JsonObject { ["MaximumConcurrency"] = 10 + (function.Index % 5) };
                mapping["FilterCriteria"] = Filter($$$"""{"body":{"type":["order-{{{function.Index % 7}}}"]}}""");
                break;
            case PullKind.Kinesis:
                mapping["StartingPosition"] = "LATEST";
                mapping["ParallelizationFactor"] = 2;
                mapping["MaximumRetryAttempts"] = 3;
                mapping["BisectBatchOnFunctionError"] = true;
                mapping["MaximumRecordAgeInSeconds"] = 3600;
                break;
            default:
                mapping["StartingPosition"] = "TRIM_HORIZON";
                mapping["MaximumBatchingWindowInSeconds"] = 1;
                mapping["FilterCriteria"] = Filter("""{"eventName":["INSERT","MODIFY"]}""");
                break;
        }

        mapping["Tags"] = new JsonObject { ["team"] = "{{ team }}", ["cost-center"] = "cc-1234" };
        return mapping;
    }

    private static JsonObject Filter(string pattern) => new()
    {
        ["Filters"] = new JsonArray(new JsonObject { ["Pattern"] = pattern }),
    };

    /// <summary>The input file: plausible AWS-shaped values, all derived from the function's index.</summary>
    public static JsonObject Input(GeneratedFunction function)
    {
        var input = new JsonObject
        {
            ["source_arn"] = function.Pull switch
            {
                PullKind.Sqs => $"arn:aws:sqs:{Region}:{Account}:{function.SourceName}",
                PullKind.Kinesis => $"arn:aws:kinesis:{Region}:{Account}:stream/{function.SourceName}",
                _ => $"arn:aws:dynamodb:{Region}:{Account}:table/{function.SourceName}/stream/2026-01-01T00:00:00.000",
            },
            ["batch_size"] = function.Pull == PullKind.Sqs ? 10 : 100,
            ["team"] = function.Team,
        };
        if (function.Push == PushKind.LoadBalancer)
        {
            input["target_group_arn"] = $"arn:aws:elasticloadbalancing:{Region}:{Account}:targetgroup/{function.TargetGroupName}/{Hex(function.Name, 16)}";
        }
        else
        {
            input["api_id"] = Hex(HttpApiName, 10);
            input["route_id"] = Hex(function.Name, 7);
        }

        return input;
    }

    private static JsonObject LambdaDefinition(GeneratedFunction function) => new()
    {
        ["FunctionName"] = function.Name,
        ["Runtime"] = "dotnet8",
        ["Handler"] = $"Orders::Orders.Function{function.Index}::Handle",
        ["Role"] = $"arn:aws:iam::{Account}:role/bench-lambda-role",
        ["MemorySize"] = 512,
        ["Timeout"] = 30,
        ["Architectures"] = new JsonArray("arm64"),
        ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["TEAM"] = function.Team, ["LOG_LEVEL"] = "Information" } },
    };

    private static JsonObject DeploymentDefinition() => new()
    {
        ["alias"] = GeneratedFunction.Alias,
        ["trafficShiftingConfig"] = new JsonObject { ["type"] = "ALL_AT_ONCE" },
    };

    /// <summary>What the seeding script creates in the emulator for this repository.</summary>
    private static JsonObject Manifest(IReadOnlyList<GeneratedFunction> functions) => new()
    {
        ["region"] = Region,
        ["account"] = Account,
        ["httpApi"] = HttpApiName,
        ["functions"] = new JsonArray([.. functions.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["alias"] = GeneratedFunction.Alias,
            ["definitionFile"] = f.DefinitionFile,
            ["inputFile"] = f.InputFile,
            ["pull"] = new JsonObject
            {
                ["kind"] = f.Pull switch { PullKind.Sqs => "sqs", PullKind.Kinesis => "kinesis", _ => "dynamodb" },
                ["source"] = f.SourceName,
            },
            ["push"] = f.Push == PushKind.LoadBalancer
                ? new JsonObject { ["kind"] = "elb", ["targetGroup"] = f.TargetGroupName }
                : new JsonObject { ["kind"] = "apigateway", ["routeKey"] = f.RouteKey },
        })]),
    };

    private static string Hex(string seed, int length) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..length].ToLowerInvariant();

    private static Task WriteAsync(string root, string relativePath, JsonObject content, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(root, relativePath), content.ToJsonString(Indented) + "\n", cancellationToken);
}
