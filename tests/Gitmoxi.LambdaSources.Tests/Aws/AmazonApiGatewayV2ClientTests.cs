using System.Net;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class AmazonApiGatewayV2ClientTests
{
    private const string Endpoint = "https://apigateway.us-east-1.amazonaws.com";

    [TestMethod]
    public async Task Get_routes_pages_with_next_token_and_reads_camel_case_members()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.OK, """{"items":[{"routeId":"r1","routeKey":"GET /orders","target":"integrations/i1","authorizationType":"NONE"}],"nextToken":"t1"}""")
            .Reply(HttpStatusCode.OK, """{"items":[{"routeId":"r2","routeKey":"$default","target":null}]}""");

        var routes = new List<Route>();
        await foreach (var route in AwsTestSetup.ApiGatewayV2(handler).GetAllRoutes(new GetRoutesRequest { ApiId = "a1", MaxResults = "1" }))
        {
            routes.Add(route);
        }

        Assert.AreEqual("r1 GET /orders integrations/i1|r2 $default ", string.Join('|', routes.Select(r => $"{r.RouteId} {r.RouteKey} {r.Target}")));
        Assert.AreEqual(Endpoint + "/v2/apis/a1/routes?maxResults=1", handler.Requests[0].Uri.OriginalString);
        Assert.AreEqual(Endpoint + "/v2/apis/a1/routes?maxResults=1&nextToken=t1", handler.Requests[1].Uri.OriginalString);
        StringAssert.Contains(handler.Requests[0].Headers["Authorization"], "/us-east-1/apigateway/aws4_request");
    }

    [TestMethod]
    public async Task Update_route_patches_only_the_members_set()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, """{"routeId":"r1","routeKey":"GET /orders","target":"integrations/i2"}""");

        var updated = await AwsTestSetup.ApiGatewayV2(handler).UpdateRouteAsync(new UpdateRouteRequest { ApiId = "a1", RouteId = "r1", Target = "integrations/i2" });

        var sent = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Patch, sent.Method);
        Assert.AreEqual(Endpoint + "/v2/apis/a1/routes/r1", sent.Uri.OriginalString);
        Assert.AreEqual("""{"target":"integrations/i2"}""", sent.Body);
        Assert.AreEqual("integrations/i2", updated.Target);
    }

    [TestMethod]
    public async Task Create_integration_posts_camel_case_members_without_the_path_member()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.Created, """{"integrationId":"i9","integrationType":"AWS_PROXY","payloadFormatVersion":"2.0"}""");

        var created = await AwsTestSetup.ApiGatewayV2(handler).CreateIntegrationAsync(new CreateIntegrationRequest
        {
            ApiId = "a1",
            IntegrationType = "AWS_PROXY",
            IntegrationUri = "arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}",
            PayloadFormatVersion = "2.0",
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual(Endpoint + "/v2/apis/a1/integrations", sent.Uri.OriginalString);
        Assert.AreEqual(
            """{"integrationType":"AWS_PROXY","integrationUri":"arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}","payloadFormatVersion":"2.0"}""",
            sent.Body);
        Assert.AreEqual("i9", created.IntegrationId);
    }

    [TestMethod]
    public async Task Get_stages_reads_stage_variables_and_delete_integration_sends_a_delete()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.OK, """{"items":[{"stageName":"prod","stageVariables":{"lambdaAlias":"live"},"autoDeploy":true}]}""")
            .Reply(HttpStatusCode.NoContent);
        var client = AwsTestSetup.ApiGatewayV2(handler);

        var stages = await client.GetStagesAsync(new GetStagesRequest { ApiId = "a1" });
        await client.DeleteIntegrationAsync(new DeleteIntegrationRequest { ApiId = "a1", IntegrationId = "i1" });

        Assert.AreEqual("live", stages.Items!.Single().StageVariables!["lambdaAlias"]);
        Assert.AreEqual(HttpMethod.Delete, handler.Requests[1].Method);
        Assert.AreEqual(Endpoint + "/v2/apis/a1/integrations/i1", handler.Requests[1].Uri.OriginalString);
    }

    [TestMethod]
    public async Task Errors_become_typed_exceptions()
    {
        var handler = new FakeHttpHandler().Reply(
            HttpStatusCode.NotFound, """{"message":"Invalid API identifier specified nope"}""", ("X-Amzn-ErrorType", "NotFoundException"));

        var error = await Assert.ThrowsExactlyAsync<NotFoundException>(() => AwsTestSetup.ApiGatewayV2(handler).GetApiAsync(new GetApiRequest { ApiId = "nope" }));

        Assert.AreEqual("Invalid API identifier specified nope", error.Message);
        Assert.AreEqual(Endpoint + "/v2/apis/nope", handler.Requests.Single().Uri.OriginalString);
    }
}
