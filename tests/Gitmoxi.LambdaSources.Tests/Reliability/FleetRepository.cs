using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.Reliability;

/// <summary>
/// A repository of <c>count</c> functions, each wired to three sources (an SQS mapping, an ELB target group and an
/// HTTP API route; push-only: the last two), seeded into the emulator, and a checker that reads the live state back and lists every way it
/// differs from exactly the desired state: a missing or duplicated mapping, statement, registration or integration.
/// </summary>
internal sealed class FleetRepository : IDisposable
{
    private const string ApiName = "fleet";
    private readonly Emulator emulator;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly AmazonLambdaClient lambda;
    private readonly AmazonElasticLoadBalancingV2Client elb;
    private readonly AmazonApiGatewayV2Client apiGateway;

    private FleetRepository(Emulator emulator, int count, SeededWorld world, bool mappings)
    {
        this.emulator = emulator;
        Count = count;
        World = world;
        HasMappings = mappings;
        Root = Directory.CreateTempSubdirectory("gitmoxi-fleet-").FullName;
        var settings = Settings(emulator);
        lambda = new AmazonLambdaClient(http, settings);
        elb = new AmazonElasticLoadBalancingV2Client(http, settings);
        apiGateway = new AmazonApiGatewayV2Client(http, settings);
        for (var i = 0; i < count; i++)
        {
            WriteFunction(i);
        }
    }

    public int Count { get; }

    /// <summary>False for a push-only repository: no function has an event source mapping.</summary>
    public bool HasMappings { get; }

    public SeededWorld World { get; }

    public string Root { get; }

    public SeededHttpApi Api => World.HttpApis[ApiName];

    /// <summary>Resets the emulator (instant state transitions, no faults) and seeds the fleet's functions and sources.</summary>
    public static async Task<FleetRepository> CreateAsync(Emulator emulator, int count, CancellationToken cancellationToken, bool mappings = true)
    {
        await emulator.ResetAsync(cancellationToken);
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, cancellationToken);
        var names = Enumerable.Range(0, count).Select(Name).ToList();
        var world = await emulator.SeedAsync(
            new JsonObject
            {
                ["functions"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n })]),
                ["queues"] = new JsonArray([.. names.Select(n => (JsonNode)(n + "-queue"))]),
                ["streams"] = new JsonArray(),
                ["tables"] = new JsonArray(),
                ["targetGroups"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["name"] = n + "-tg" })]),
                ["httpApis"] = new JsonArray(new JsonObject
                {
                    ["name"] = ApiName,
                    ["routes"] = new JsonArray([.. names.Select(n => (JsonNode)$"GET /{n}")]),
                    ["stages"] = new JsonObject { ["$default"] = new JsonObject() },
                }),
            },
            cancellationToken);
        await emulator.ResetRequestCountsAsync(cancellationToken);
        return new FleetRepository(emulator, count, world, mappings);
    }

    public static string Name(int index) => "f" + index.ToString("D2", CultureInfo.InvariantCulture);

    public static AwsSettings Settings(Emulator emulator) =>
        new(Emulator.Region, new BasicAWSCredentials(Emulator.AccessKeyId, Emulator.SecretAccessKey)) { Endpoint = emulator.Endpoint };

    /// <summary>An engine of its own, as one workflow run has.</summary>
    public LambdaSourcesEngine CreateEngine(bool prune = false) =>
        LambdaSourcesEngine.Create(Settings(emulator), new EngineOptions(Prune: prune, WaitTimeout: TimeSpan.FromSeconds(30)));

    public RunRequest ApplyRequest => new(Root, ".", RunMode.Apply);

    /// <param name="repository">The repository identity the run claims (as the Action's <c>repository</c> input); null: none.</param>
    public async Task<RunOutcome> ApplyAsync(CancellationToken cancellationToken, bool prune = false, string? repository = null)
    {
        using var engine = CreateEngine(prune);
        return await engine.RunAsync(ApplyRequest with { Repository = repository }, cancellationToken);
    }

    /// <summary>The tags of every mapping of a function.</summary>
    public async Task<List<Dictionary<string, string>>> MappingTagsAsync(string function, CancellationToken cancellationToken)
    {
        var tags = new List<Dictionary<string, string>>();
        await foreach (var mapping in lambda.ListAllEventSourceMappings(new ListEventSourceMappingsRequest { FunctionName = function }).WithCancellation(cancellationToken))
        {
            tags.Add((await lambda.ListTagsAsync(new ListTagsRequest { Resource = mapping.EventSourceMappingArn }, cancellationToken)).Tags ?? []);
        }

        return tags;
    }

    public async Task<RunOutcome> PlanAsync(CancellationToken cancellationToken)
    {
        using var engine = CreateEngine();
        return await engine.RunAsync(ApplyRequest with { Mode = RunMode.Plan }, cancellationToken);
    }

    /// <summary>Every difference between the live state and exactly the desired state; empty when converged.</summary>
    public async Task<List<string>> DifferencesAsync(CancellationToken cancellationToken)
    {
        var live = await ReadAsync(cancellationToken);
        var differences = new List<string>();
        for (var i = 0; i < Count; i++)
        {
            var name = Name(i);
            Expect(differences, $"{name} mappings", HasMappings ? [World.Queues[name + "-queue"]] : [], live.Mappings.GetValueOrDefault(name, []));
            Expect(differences, $"{name} statements", [.. ExpectedStatements(i).Order(StringComparer.Ordinal)], live.Statements.GetValueOrDefault(name, []));
            Expect(differences, $"{name} registrations", [World.Functions[name].Arn], live.Registrations.GetValueOrDefault(name, []));
            Expect(differences, $"{name} route", [name], live.RouteFunctions.GetValueOrDefault(name, []));
        }

        Expect(differences, "integrations", [.. Enumerable.Range(0, Count).Select(Name)], live.IntegrationFunctions);
        return differences;
    }

    /// <summary>The live state, keyed by function name; lists keep duplicates so a checker can see them.</summary>
    public async Task<LiveFleet> ReadAsync(CancellationToken cancellationToken)
    {
        var mappings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var mapping in lambda.ListAllEventSourceMappings(new ListEventSourceMappingsRequest()).WithCancellation(cancellationToken))
        {
            Add(mappings, FunctionOf(mapping.FunctionArn!), mapping.EventSourceArn!);
        }

        var statements = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var registrations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            var name = Name(i);
            statements[name] = await StatementIdsAsync(name, cancellationToken);
            var health = await elb.DescribeTargetHealthAsync(
                new DescribeTargetHealthRequest { TargetGroupArn = World.TargetGroups[name + "-tg"].Arn }, cancellationToken);
            registrations[name] = [.. (health.TargetHealthDescriptions ?? []).Select(d => d.Target!.Id!)];
        }

        var integrations = await IntegrationsAsync(cancellationToken);
        var functionById = integrations.ToDictionary(i => i.IntegrationId!, i => FunctionOf(i.IntegrationUri ?? ""), StringComparer.Ordinal);
        var routes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var route in (await apiGateway.GetRoutesAsync(new GetRoutesRequest { ApiId = Api.Id }, cancellationToken)).Items ?? [])
        {
            if (route.Target is { } target && functionById.TryGetValue(target["integrations/".Length..], out var function))
            {
                Add(routes, route.RouteKey!["GET /".Length..], function);
            }
        }

        return new LiveFleet(mappings, statements, registrations, routes, [.. functionById.Values]);
    }

    /// <summary>Every integration of the fleet's API, every page.</summary>
    public async Task<List<Integration>> IntegrationsAsync(CancellationToken cancellationToken)
    {
        var integrations = new List<Integration>();
        await foreach (var integration in apiGateway.GetAllIntegrations(new GetIntegrationsRequest { ApiId = Api.Id }).WithCancellation(cancellationToken))
        {
            integrations.Add(integration);
        }

        return integrations;
    }

    /// <summary>Creates an integration behind the tool's back, as a person or another tool would.</summary>
    public async Task<string> CreateIntegrationAsync(string functionName, string? description, CancellationToken cancellationToken)
    {
        var created = await apiGateway.CreateIntegrationAsync(
            new CreateIntegrationRequest
            {
                ApiId = Api.Id,
                IntegrationType = "AWS_PROXY",
                IntegrationUri = World.Functions[functionName].Arn,
                IntegrationMethod = "POST",
                PayloadFormatVersion = "2.0",
                Description = description,
            },
            cancellationToken);
        return created.IntegrationId!;
    }

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private IEnumerable<string> ExpectedStatements(int index)
    {
        var name = Name(index);
        var owner = new OwnerIdentity(string.Empty, string.Empty);
        yield return StatementIds.Elb(owner, World.TargetGroups[name + "-tg"].Arn);
        yield return StatementIds.ApiGateway(owner, Api.Id, Api.Routes[$"GET /{name}"].Id);
    }

    private async Task<List<string>> StatementIdsAsync(string function, CancellationToken cancellationToken)
    {
        try
        {
            var policy = await lambda.GetPolicyAsync(new GetPolicyRequest { FunctionName = function }, cancellationToken);
            return [.. PushSources.ParsePolicy(policy.Policy).Select(s => s.Sid)];
        }
        catch (global::Gitmoxi.LambdaSources.Aws.Lambda.Model.ResourceNotFoundException)
        {
            return [];
        }
    }

    private void WriteFunction(int index)
    {
        var name = Name(index);
        var folder = Path.Combine(Root, name);
        var pull = !HasMappings ? "" : "," + Environment.NewLine + $$"""
              "PullEventSources": {
                "EventSourceMapping": { "EventSourceArn": "{{World.Queues[name + "-queue"]}}", "FunctionName": "{{name}}", "BatchSize": 10 }
              }
            """;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + "_lambdadef.json"), $$"""{ "FunctionName": "{{name}}" }""");
        File.WriteAllText(Path.Combine(folder, name + "_lambdaeventsourcedef.json"), $$"""
            {
              "PushEventSources": [
                { "Service": "elasticloadbalancing.amazonaws.com", "TargetGroupArn": "{{World.TargetGroups[name + "-tg"].Arn}}" },
                { "Service": "apigateway.amazonaws.com", "ApiId": "{{Api.Id}}", "RouteId": "{{Api.Routes[$"GET /{name}"].Id}}" }
              ]{{pull}}
            }
            """);
    }

    /// <summary>The function name in a function, alias or API Gateway integration URI ARN.</summary>
    internal static string FunctionOf(string arn)
    {
        var marker = arn.IndexOf(":function:", StringComparison.Ordinal);
        if (marker < 0)
        {
            return arn;
        }

        var start = marker + ":function:".Length;
        var end = arn.IndexOfAny([':', '/'], start);
        return end < 0 ? arn[start..] : arn[start..end];
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static void Expect(List<string> differences, string what, IReadOnlyList<string> expected, IEnumerable<string> actual)
    {
        var sorted = actual.Order(StringComparer.Ordinal).ToList();
        if (!sorted.SequenceEqual(expected.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            differences.Add($"{what}: expected [{string.Join(", ", expected)}], live [{string.Join(", ", sorted)}]");
        }
    }
}

/// <param name="RouteFunctions">Route (named after its function) → the function its integration invokes.</param>
/// <param name="IntegrationFunctions">The function of every integration of the API: an orphan or a duplicate shows up here.</param>
internal sealed record LiveFleet(
    Dictionary<string, List<string>> Mappings,
    Dictionary<string, List<string>> Statements,
    Dictionary<string, List<string>> Registrations,
    Dictionary<string, List<string>> RouteFunctions,
    List<string> IntegrationFunctions);
