using System.Net;
using Gitmoxi.LambdaSources.Aws.ApiGateway.Model;

namespace Gitmoxi.LambdaSources.Tests.Aws;

/// <summary>
/// The REST API (v1) client: the URI members' wire names (<c>restapi_id</c>, <c>resource_id</c>, <c>http_method</c>)
/// are labels, so they fill the path and stay out of the body, where <c>httpMethod</c> is the integration's own.
/// </summary>
[TestClass]
public sealed class AmazonAPIGatewayClientTests
{
    private const string Endpoint = "https://apigateway.us-east-1.amazonaws.com";

    [TestMethod]
    public async Task Put_integration_puts_the_method_verb_in_the_path_and_the_integration_verb_in_the_body()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.Created, """{"type":"AWS_PROXY","httpMethod":"POST","uri":"u"}""");

        var put = await AwsTestSetup.RestApi(handler).PutIntegrationAsync(new PutIntegrationRequest
        {
            RestApiId = "a1",
            ResourceId = "r1",
            HttpMethod = "GET",
            Type = "AWS_PROXY",
            IntegrationHttpMethod = "POST",
            Uri = "u",
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, sent.Method);
        Assert.AreEqual(Endpoint + "/restapis/a1/resources/r1/methods/GET/integration", sent.Uri.OriginalString);
        Assert.AreEqual("""{"type":"AWS_PROXY","httpMethod":"POST","uri":"u"}""", sent.Body);
        Assert.AreEqual("AWS_PROXY POST u", $"{put.Type} {put.HttpMethod} {put.Uri}");
    }

    [TestMethod]
    public async Task Create_deployment_posts_the_stage_without_the_api_id_and_get_resource_reads_the_method_verbs()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.Created, """{"id":"d1"}""")
            .Reply(HttpStatusCode.OK, """{"id":"r1","path":"/orders","resourceMethods":{"GET":{},"POST":{"httpMethod":"POST"}}}""");
        var client = AwsTestSetup.RestApi(handler);

        var deployment = await client.CreateDeploymentAsync(new CreateDeploymentRequest { RestApiId = "a1", StageName = "prod", Description = "d" });
        var resource = await client.GetResourceAsync(new GetResourceRequest { RestApiId = "a1", ResourceId = "r1" });

        Assert.AreEqual(Endpoint + "/restapis/a1/deployments", handler.Requests[0].Uri.OriginalString);
        Assert.AreEqual("""{"stageName":"prod","description":"d"}""", handler.Requests[0].Body);
        Assert.AreEqual("d1", deployment.Id);
        Assert.AreEqual(Endpoint + "/restapis/a1/resources/r1", handler.Requests[1].Uri.OriginalString);
        Assert.AreEqual("/orders GET,POST", $"{resource.Path} {string.Join(',', resource.ResourceMethods!.Keys.Order(StringComparer.Ordinal))}");
    }
}
