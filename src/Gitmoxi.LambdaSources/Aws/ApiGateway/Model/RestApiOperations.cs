namespace Gitmoxi.LambdaSources.Aws.ApiGateway.Model;

// The API Gateway (REST API) error code the engine handles; any other error is an AwsServiceException with its code.

internal sealed class NotFoundException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary><c>GET /restapis/{restapi_id}/resources/{resource_id}</c>.</summary>
internal sealed class GetResourceRequest
{
    public string? RestApiId { get; set; }

    public string? ResourceId { get; set; }
}

internal sealed class GetResourceResponse
{
    public string? Id { get; set; }

    /// <summary>The full path, <c>/orders/{id}</c>; <c>/</c> for the root resource.</summary>
    public string? Path { get; set; }

    /// <summary>The resource's methods by HTTP verb (<c>GET</c>, <c>ANY</c>, …).</summary>
    public Dictionary<string, JsonElement>? ResourceMethods { get; set; }
}

/// <summary><c>GET /restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}</c>.</summary>
internal sealed class GetMethodRequest
{
    public string? RestApiId { get; set; }

    public string? ResourceId { get; set; }

    public string? HttpMethod { get; set; }
}

internal sealed class GetMethodResponse
{
    public string? HttpMethod { get; set; }

    /// <summary>Absent when the method has no integration.</summary>
    public RestIntegration? MethodIntegration { get; set; }
}

/// <summary>A method's integration; for a Lambda proxy, <c>AWS_PROXY</c>, <c>POST</c> and the function's invocation URI.</summary>
internal class RestIntegration
{
    public string? Type { get; set; }

    /// <summary>The integration's HTTP method (<c>integrationHttpMethod</c> in the request model, <c>httpMethod</c> on the wire).</summary>
    public string? HttpMethod { get; set; }

    public string? Uri { get; set; }
}

/// <summary><c>PUT …/methods/{http_method}/integration</c>: creates or replaces the method's integration.</summary>
internal sealed class PutIntegrationRequest : RestIntegration
{
    [JsonIgnore]
    public string? RestApiId { get; set; }

    [JsonIgnore]
    public string? ResourceId { get; set; }

    /// <summary>The method's verb (a URI label); the body's <c>httpMethod</c> is the integration's.</summary>
    [JsonIgnore]
    public string? MethodHttpMethod { get; set; }
}

internal sealed class PutIntegrationResponse : RestIntegration;

/// <summary><c>DELETE …/methods/{http_method}/integration</c>.</summary>
internal sealed class DeleteIntegrationRequest
{
    public string? RestApiId { get; set; }

    public string? ResourceId { get; set; }

    public string? HttpMethod { get; set; }
}

internal sealed class DeleteIntegrationResponse;

/// <summary><c>GET /restapis/{restapi_id}/stages</c>: every stage, unpaged.</summary>
internal sealed class GetStagesRequest
{
    public string? RestApiId { get; set; }
}

internal sealed class GetStagesResponse
{
    public List<RestStage>? Item { get; set; }
}

internal sealed class RestStage
{
    public string? StageName { get; set; }

    public Dictionary<string, string>? Variables { get; set; }
}

/// <summary><c>POST /restapis/{restapi_id}/deployments</c>: snapshots the API and points the stage at the snapshot.</summary>
internal sealed class CreateDeploymentRequest
{
    [JsonIgnore]
    public string? RestApiId { get; set; }

    public string? StageName { get; set; }

    public string? Description { get; set; }
}

internal sealed class CreateDeploymentResponse
{
    public string? Id { get; set; }
}
