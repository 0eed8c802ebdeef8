using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2;

/// <summary>
/// Source-generated JSON for the API Gateway v2 wire types: the REST-JSON protocol names members in camelCase
/// (<c>integrationUri</c>, <c>nextToken</c>). Null members are not written, so a PATCH changes only what was set.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetApiResponse))]
[JsonSerializable(typeof(GetRoutesResponse))]
[JsonSerializable(typeof(UpdateRouteRequest))]
[JsonSerializable(typeof(UpdateRouteResponse))]
[JsonSerializable(typeof(GetIntegrationsResponse))]
[JsonSerializable(typeof(CreateIntegrationRequest))]
[JsonSerializable(typeof(CreateIntegrationResponse))]
[JsonSerializable(typeof(GetStagesResponse))]
internal sealed partial class ApiGatewayV2JsonContext : JsonSerializerContext;
