using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>
/// Every operation our clients call, answered with every output member of the botocore model
/// (<see cref="EmulatorConfiguration.CompleteResponses"/>: what moto leaves out is filled with model-valid values, lists
/// get a complete item): each client parses the full answer. The fixture's botocore oracle checks every request too.
/// </summary>
[TestClass]
public sealed class FullResponseParsingTests : EmulatorFixture<FullResponseParsingTests>, IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private SeededWorld world = null!;
    private AmazonLambdaClient lambda = null!;
    private AmazonElasticLoadBalancingV2Client elb = null!;
    private AmazonApiGatewayV2Client apiGateway = null!;

    private CancellationToken Cancellation => TestContext.CancellationToken;

    [TestInitialize]
    public async Task TestInitialize()
    {
        world = await emulator.SeedAsync(
            new JsonObject
            {
                ["targetGroups"] = new JsonArray(new JsonObject { ["name"] = "orders-tg" }),
                ["httpApis"] = new JsonArray(new JsonObject
                {
                    ["name"] = "shop",
                    ["routes"] = new JsonArray("GET /orders"),
                    ["stages"] = new JsonObject { ["prod"] = new JsonObject { ["lambdaAlias"] = "live" } },
                }),
            },
            Cancellation);
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { CompleteResponses = ResponseCompletion.AllMembers }, Cancellation);
        var settings = new AwsSettings(Emulator.Region, new BasicAWSCredentials(Emulator.AccessKeyId, Emulator.SecretAccessKey)) { Endpoint = emulator.Endpoint };
        lambda = new AmazonLambdaClient(http, settings);
        elb = new AmazonElasticLoadBalancingV2Client(http, settings);
        apiGateway = new AmazonApiGatewayV2Client(http, settings);
    }

    public void Dispose() => http.Dispose();

    [TestMethod]
    public async Task Lambda_client_parses_full_answers_of_each_operation_it_calls()
    {
        var live = world.Functions["orders"].Aliases["live"];
        var created = await lambda.CreateEventSourceMappingAsync(new() { EventSourceArn = world.Queues["orders-queue"], FunctionName = live, BatchSize = 10 }, Cancellation);
        Assert.IsNotNull(created.UUID);
        // moto leaves these out; the completed answer has them, as AWS can.
        Assert.IsNotNull(created.KMSKeyArn);
        Assert.IsNotNull(created.ScalingConfig?.MaximumConcurrency);
        var listed = await lambda.ListEventSourceMappingsAsync(new() { FunctionName = live }, Cancellation);
        Assert.IsNull(listed.NextMarker, "a paging token is never invented");
        Assert.AreEqual(created.UUID, listed.EventSourceMappings!.Single().UUID);
        Assert.IsNotNull(listed.EventSourceMappings!.Single().FilterCriteria?.Filters?.Single().Pattern);
        var read = await lambda.GetEventSourceMappingAsync(new() { UUID = created.UUID }, Cancellation);
        Assert.IsNotNull(read.DestinationConfig?.OnFailure);
        var updated = await lambda.UpdateEventSourceMappingAsync(new() { UUID = created.UUID, BatchSize = 5 }, Cancellation);
        Assert.AreEqual(created.UUID, updated.UUID);
        var mappingArn = read.EventSourceMappingArn!;
        await lambda.TagResourceAsync(new() { Resource = mappingArn, Tags = new() { ["team"] = "a" } }, Cancellation);
        Assert.AreEqual("a", (await lambda.ListTagsAsync(new() { Resource = mappingArn }, Cancellation)).Tags!["team"]);
        await lambda.UntagResourceAsync(new() { Resource = mappingArn, TagKeys = ["team"] }, Cancellation);
        var deleted = await lambda.DeleteEventSourceMappingAsync(new() { UUID = created.UUID }, Cancellation);
        Assert.AreEqual(created.UUID, deleted.UUID);

        var function = await lambda.GetFunctionAsync(new() { FunctionName = "orders" }, Cancellation);
        Assert.AreEqual(world.Functions["orders"].Arn, function.Configuration!.FunctionArn);
        Assert.IsNotNull(function.Tags);
        var alias = await lambda.GetAliasAsync(new() { FunctionName = "orders", Name = "live" }, Cancellation);
        Assert.AreEqual(live, alias.AliasArn);
        Assert.IsNotNull(alias.RoutingConfig);
        await lambda.AddPermissionAsync(new() { FunctionName = "orders", Qualifier = "live", StatementId = "gitmoxi-full", Action = "lambda:InvokeFunction", Principal = "elasticloadbalancing.amazonaws.com" }, Cancellation);
        var policy = await lambda.GetPolicyAsync(new() { FunctionName = "orders", Qualifier = "live" }, Cancellation);
        StringAssert.Contains(policy.Policy, "gitmoxi-full");
        await lambda.RemovePermissionAsync(new() { FunctionName = "orders", Qualifier = "live", StatementId = "gitmoxi-full" }, Cancellation);
    }

    [TestMethod]
    public async Task Elbv2_client_parses_full_answers_of_each_operation_it_calls()
    {
        var group = world.TargetGroups["orders-tg"].Arn;
        var live = world.Functions["orders"].Aliases["live"];
        await lambda.AddPermissionAsync(new() { FunctionName = live, StatementId = "elb", Action = "lambda:InvokeFunction", Principal = "elasticloadbalancing.amazonaws.com", SourceArn = group }, Cancellation);
        var groups = await elb.DescribeTargetGroupsAsync(new() { TargetGroupArns = [group] }, Cancellation);
        Assert.IsNull(groups.NextMarker, "a paging token is never invented");
        Assert.AreEqual(group, groups.TargetGroups!.Single().TargetGroupArn);
        await elb.RegisterTargetsAsync(new() { TargetGroupArn = group, Targets = [new() { Id = live }] }, Cancellation);
        var health = await elb.DescribeTargetHealthAsync(new() { TargetGroupArn = group }, Cancellation);
        Assert.AreEqual(live, health.TargetHealthDescriptions!.Single().Target!.Id);
        Assert.IsNotNull(health.TargetHealthDescriptions!.Single().HealthCheckPort);
        await elb.DeregisterTargetsAsync(new() { TargetGroupArn = group, Targets = [new() { Id = live }] }, Cancellation);
    }

    [TestMethod]
    public async Task ApiGatewayV2_client_parses_full_answers_of_each_operation_it_calls()
    {
        var api = world.HttpApis["shop"];
        var read = await apiGateway.GetApiAsync(new() { ApiId = api.Id }, Cancellation);
        Assert.AreEqual(api.Id, read.ApiId);
        var integration = await apiGateway.CreateIntegrationAsync(
            new() { ApiId = api.Id, IntegrationType = "AWS_PROXY", IntegrationUri = world.Functions["orders"].Aliases["live"], PayloadFormatVersion = "2.0" },
            Cancellation);
        Assert.IsNotNull(integration.IntegrationId);
        var integrations = await apiGateway.GetIntegrationsAsync(new() { ApiId = api.Id }, Cancellation);
        Assert.IsNull(integrations.NextToken, "a paging token is never invented");
        CollectionAssert.Contains(integrations.Items!.Select(i => i.IntegrationId).ToList(), integration.IntegrationId);
        var route = api.Routes["GET /orders"];
        var updated = await apiGateway.UpdateRouteAsync(new() { ApiId = api.Id, RouteId = route.Id, Target = "integrations/" + integration.IntegrationId }, Cancellation);
        Assert.AreEqual("integrations/" + integration.IntegrationId, updated.Target);
        var routes = await apiGateway.GetRoutesAsync(new() { ApiId = api.Id }, Cancellation);
        Assert.AreEqual(route.Id, routes.Items!.Single().RouteId);
        var stages = await apiGateway.GetStagesAsync(new() { ApiId = api.Id }, Cancellation);
        Assert.AreEqual("live", stages.Items!.Single().StageVariables!["lambdaAlias"]);
        Assert.IsNotNull(stages.Items!.Single().DeploymentId);
        await apiGateway.UpdateRouteAsync(new() { ApiId = api.Id, RouteId = route.Id, Target = string.Empty }, Cancellation);
        await apiGateway.DeleteIntegrationAsync(new() { ApiId = api.Id, IntegrationId = integration.IntegrationId }, Cancellation);
    }
}
