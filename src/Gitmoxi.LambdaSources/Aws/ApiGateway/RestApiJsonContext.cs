using Gitmoxi.LambdaSources.Aws.ApiGateway.Model;

namespace Gitmoxi.LambdaSources.Aws.ApiGateway;

/// <summary>Source-generated JSON for the API Gateway (REST API) wire types: camelCase members, nulls not written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetResourceResponse))]
[JsonSerializable(typeof(GetMethodResponse))]
[JsonSerializable(typeof(PutIntegrationRequest))]
[JsonSerializable(typeof(PutIntegrationResponse))]
[JsonSerializable(typeof(GetStagesResponse))]
[JsonSerializable(typeof(CreateDeploymentRequest))]
[JsonSerializable(typeof(CreateDeploymentResponse))]
internal sealed partial class RestApiJsonContext : JsonSerializerContext;
