using System.Text.Json.Nodes;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>Each test shows one place where the launcher corrects moto to the documented API Gateway V2 API for HTTP
/// APIs (letters as in tests/Gitmoxi.TestSupport/README.md). Requests go over raw REST-JSON (camelCase) HTTP.</summary>
[TestClass]
public sealed class HttpApiCorrectionsTests(TestContext testContext) : EmulatorFixture<HttpApiCorrectionsTests>
{
    private const string LambdaUri = "arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}";
    private SeededHttpApi shop = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    private string Api => $"/v2/apis/{shop.Id}";

    [TestInitialize]
    public async Task TestInitialize()
    {
        var routes = new JsonArray("GET /orders", new JsonObject { ["routeKey"] = "ANY /items", ["integrationUri"] = LambdaUri }, "$default");
        var stages = JsonNode.Parse("""{"prod":{"lambdaAlias":"live"},"$default":{}}""");
        var shopSpec = new JsonObject { ["name"] = "shop", ["routes"] = routes, ["stages"] = stages };
        var world = await emulator.SeedAsync(new JsonObject { ["httpApis"] = new JsonArray(shopSpec) }, Cancellation);
        shop = world.HttpApis["shop"];
    }

    [TestMethod]
    public async Task T_a_route_target_must_name_an_integration_of_the_api()
    {
        var orders = shop.Routes["GET /orders"].Id;
        var integration = shop.Integrations[LambdaUri];

        var create = await SendAsync(HttpMethod.Post, $"{Api}/routes", new JsonObject { ["routeKey"] = "GET /x", ["target"] = "integrations/nope" });
        var update = await SendAsync(HttpMethod.Patch, $"{Api}/routes/{orders}", new JsonObject { ["target"] = "integrations/nope" });
        var valid = await SendAsync(HttpMethod.Patch, $"{Api}/routes/{orders}", new JsonObject { ["target"] = $"integrations/{integration}" });

        foreach (var refused in new[] { create, update })
        {
            Assert.AreEqual((404, "NotFoundException"), (refused.StatusCode, refused.ErrorType), refused.Body);
        }

        Assert.AreEqual((200, $"integrations/{integration}"), (valid.StatusCode, (string)valid.Json!["target"]!));
        Assert.HasCount(3, (await SendAsync(HttpMethod.Get, $"{Api}/routes")).Json!["items"]!.AsArray());
    }

    [TestMethod]
    public async Task U_routes_integrations_and_stages_page_with_maxResults_and_nextToken()
    {
        await SendAsync(HttpMethod.Post, $"{Api}/integrations", new JsonObject { ["integrationType"] = "AWS_PROXY", ["integrationUri"] = "arn:aws:lambda:us-east-1:123456789012:function:orders", ["payloadFormatVersion"] = "2.0" });

        CollectionAssert.AreEquivalent(shop.Routes.Values.Select(r => r.Id).ToList(), await PageAllAsync("routes", "routeId"));
        Assert.HasCount(2, await PageAllAsync("integrations", "integrationId"));
        Assert.AreEqual("$default,prod", string.Join(',', (await PageAllAsync("stages", "stageName")).Order(StringComparer.Ordinal)));
        var badToken = await SendAsync(HttpMethod.Get, $"{Api}/routes?maxResults=1&nextToken=garbage");
        Assert.AreEqual((400, "BadRequestException"), (badToken.StatusCode, badToken.ErrorType));

        await emulator.ResetRequestCountsAsync(Cancellation);
        var all = await emulator.AwsCliAsync(["apigatewayv2", "get-routes", "--api-id", shop.Id, "--page-size", "1"], Cancellation);
        Assert.HasCount(3, all!["Items"]!.AsArray());
        Assert.AreEqual(3, (await emulator.GetRequestCountsAsync(Cancellation)).Count("apigateway:GetRoutes"));
    }

    [TestMethod]
    public async Task V_creates_answer_201_deletes_204_and_unknown_ids_404()
    {
        var api = await SendAsync(HttpMethod.Post, "/v2/apis", new JsonObject { ["name"] = "other", ["protocolType"] = "HTTP" });
        var other = $"/v2/apis/{(string)api.Json!["apiId"]!}";
        var integration = await SendAsync(HttpMethod.Post, $"{other}/integrations", new JsonObject { ["integrationType"] = "AWS_PROXY", ["integrationUri"] = LambdaUri, ["payloadFormatVersion"] = "2.0" });
        var integrationId = (string)integration.Json!["integrationId"]!;
        var route = await SendAsync(HttpMethod.Post, $"{other}/routes", new JsonObject { ["routeKey"] = "GET /a", ["target"] = $"integrations/{integrationId}" });
        var stage = await SendAsync(HttpMethod.Post, $"{other}/stages", new JsonObject { ["stageName"] = "prod" });

        var deletes = new[]
        {
            await SendAsync(HttpMethod.Delete, $"{other}/routes/{(string)route.Json!["routeId"]!}"),
            await SendAsync(HttpMethod.Delete, $"{other}/integrations/{integrationId}"),
            await SendAsync(HttpMethod.Delete, $"{other}/stages/prod"),
            await SendAsync(HttpMethod.Delete, other),
        };
        var unknown = new[]
        {
            await SendAsync(HttpMethod.Delete, $"{Api}/routes/nope"),
            await SendAsync(HttpMethod.Delete, $"{Api}/integrations/nope"),
            await SendAsync(HttpMethod.Delete, $"{Api}/stages/nope"),
            await SendAsync(HttpMethod.Delete, other),
        };

        Assert.AreEqual((201, 201, 201, 201), (api.StatusCode, integration.StatusCode, route.StatusCode, stage.StatusCode));
        Assert.IsTrue(deletes.All(r => r.StatusCode == 204 && r.Body.Length == 0), string.Join(", ", deletes.Select(r => r.StatusCode)));
        Assert.IsTrue(unknown.All(r => (r.StatusCode, r.ErrorType) == (404, "NotFoundException")), string.Join(", ", unknown.Select(r => r.StatusCode)));
    }

    [TestMethod]
    public async Task Y_an_empty_target_detaches_the_route()
    {
        var orders = shop.Routes["GET /orders"].Id;
        var integration = shop.Integrations[LambdaUri];
        await SendAsync(HttpMethod.Patch, $"{Api}/routes/{orders}", new JsonObject { ["target"] = $"integrations/{integration}" });

        var detach = await SendAsync(HttpMethod.Patch, $"{Api}/routes/{orders}", new JsonObject { ["target"] = "" });

        Assert.AreEqual(200, detach.StatusCode, detach.Body);
        var route = await SendAsync(HttpMethod.Get, $"{Api}/routes/{orders}");
        Assert.IsNull(route.Json!["target"], route.Body);
    }

    [TestMethod]
    public async Task W_a_second_stage_of_the_same_name_is_a_conflict()
    {
        var duplicate = await SendAsync(HttpMethod.Post, $"{Api}/stages", new JsonObject { ["stageName"] = "prod", ["stageVariables"] = new JsonObject { ["lambdaAlias"] = "beta" } });

        var prod = await SendAsync(HttpMethod.Get, $"{Api}/stages/prod");

        Assert.AreEqual((409, "ConflictException"), (duplicate.StatusCode, duplicate.ErrorType));
        Assert.AreEqual("""{"lambdaAlias":"live"}""", prod.Json!["stageVariables"]!.ToJsonString());
    }

    [TestMethod]
    public async Task X_UpdateStage_merges_stage_variables_and_an_empty_value_removes_one()
    {
        await SendAsync(HttpMethod.Patch, $"{Api}/stages/prod", new JsonObject { ["stageVariables"] = new JsonObject { ["region"] = "eu" } });

        var updated = await SendAsync(HttpMethod.Patch, $"{Api}/stages/prod", new JsonObject
        {
            ["stageVariables"] = new JsonObject { ["lambdaAlias"] = "beta", ["region"] = string.Empty },
            ["description"] = "canary",
        });
        var observed = await emulator.AwsCliAsync(["apigatewayv2", "get-stage", "--api-id", shop.Id, "--stage-name", "prod"], Cancellation);
        var unknown = await SendAsync(HttpMethod.Patch, $"{Api}/stages/nope", new JsonObject { ["description"] = "x" });

        Assert.AreEqual(200, updated.StatusCode, updated.Body);
        Assert.AreEqual(("""{"lambdaAlias":"beta"}""", "canary"), (observed!["StageVariables"]!.ToJsonString(), (string)observed["Description"]!));
        Assert.AreEqual((404, "NotFoundException"), (unknown.StatusCode, unknown.ErrorType));
    }

    private async Task<EmulatorResponse> SendAsync(HttpMethod method, string pathAndQuery, JsonObject? body = null) =>
        await emulator.SendJsonAsync("apigateway", method, pathAndQuery, body, Cancellation);

    private async Task<List<string>> PageAllAsync(string collection, string idMember)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var query = token is null ? "?maxResults=1" : $"?maxResults=1&nextToken={Uri.EscapeDataString(token)}";
            var page = (await SendAsync(HttpMethod.Get, $"{Api}/{collection}{query}")).Json!;
            Assert.IsLessThanOrEqualTo(1, page["items"]!.AsArray().Count);
            ids.AddRange(page["items"]!.AsArray().Select(i => (string)i![idMember]!));
            token = (string?)page["nextToken"];
        }
        while (token is not null);

        return ids;
    }
}
