namespace Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

/// <summary><c>GET /v2/apis/{apiId}</c>.</summary>
internal sealed class GetApiRequest
{
    public string? ApiId { get; set; }
}

internal sealed class GetApiResponse
{
    public string? ApiId { get; set; }

    public string? Name { get; set; }

    /// <summary><c>HTTP</c> or <c>WEBSOCKET</c>.</summary>
    public string? ProtocolType { get; set; }

    public string? ApiEndpoint { get; set; }

    public string? RouteSelectionExpression { get; set; }
}

/// <summary>A route; <see cref="Target"/> is <c>integrations/{integrationId}</c> or absent.</summary>
internal class Route
{
    public string? RouteId { get; set; }

    /// <summary><c>METHOD /path</c>, <c>ANY /path</c> or <c>$default</c>.</summary>
    public string? RouteKey { get; set; }

    public string? Target { get; set; }

    public string? AuthorizationType { get; set; }

    public bool? ApiGatewayManaged { get; set; }
}

/// <summary><c>GET /v2/apis/{apiId}/routes?maxResults=…&amp;nextToken=…</c>; <see cref="MaxResults"/> is a string in the model.</summary>
internal sealed class GetRoutesRequest : ApiPageRequest;

internal sealed class GetRoutesResponse : ApiPage<Route>;

/// <summary><c>PATCH /v2/apis/{apiId}/routes/{routeId}</c>: only the members set are changed.</summary>
internal sealed class UpdateRouteRequest
{
    public string? ApiId { get; set; }

    public string? RouteId { get; set; }

    public string? RouteKey { get; set; }

    public string? Target { get; set; }
}

internal sealed class UpdateRouteResponse : Route;

/// <summary>An integration; for Lambda proxy, <see cref="IntegrationType"/> <c>AWS_PROXY</c> and the function ARN as URI.</summary>
internal class Integration : IntegrationSettings
{
    public string? IntegrationId { get; set; }

    public bool? ApiGatewayManaged { get; set; }
}

/// <summary>What an integration is made of, as <c>CreateIntegration</c> takes it and every integration returns it.</summary>
internal class IntegrationSettings
{
    public string? IntegrationType { get; set; }

    public string? IntegrationUri { get; set; }

    public string? IntegrationMethod { get; set; }

    /// <summary><c>1.0</c> or <c>2.0</c>.</summary>
    public string? PayloadFormatVersion { get; set; }

    public string? ConnectionType { get; set; }

    public string? Description { get; set; }

    public int? TimeoutInMillis { get; set; }
}

/// <summary><c>GET /v2/apis/{apiId}/integrations?maxResults=…&amp;nextToken=…</c>.</summary>
internal sealed class GetIntegrationsRequest : ApiPageRequest;

internal sealed class GetIntegrationsResponse : ApiPage<Integration>;

/// <summary><c>POST /v2/apis/{apiId}/integrations</c>; required: ApiId, IntegrationType.</summary>
internal sealed class CreateIntegrationRequest : IntegrationSettings
{
    public string? ApiId { get; set; }
}

internal sealed class CreateIntegrationResponse : Integration;

/// <summary><c>DELETE /v2/apis/{apiId}/integrations/{integrationId}</c>.</summary>
internal sealed class DeleteIntegrationRequest
{
    public string? ApiId { get; set; }

    public string? IntegrationId { get; set; }
}

internal sealed class DeleteIntegrationResponse;

/// <summary><c>GET /v2/apis/{apiId}/stages?maxResults=…&amp;nextToken=…</c>.</summary>
internal sealed class GetStagesRequest : ApiPageRequest;

internal sealed class GetStagesResponse : ApiPage<Stage>;

internal sealed class Stage
{
    public string? StageName { get; set; }

    public Dictionary<string, string>? StageVariables { get; set; }

    public bool? AutoDeploy { get; set; }

    public string? DeploymentId { get; set; }
}

/// <summary>A paged list request of one API; <see cref="MaxResults"/> is a string in the model.</summary>
internal abstract class ApiPageRequest
{
    public string? ApiId { get; set; }

    public string? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

/// <summary>One page of a list: its items and the token of the next page (none on the last).</summary>
internal abstract class ApiPage<T>
{
    public List<T>? Items { get; set; }

    public string? NextToken { get; set; }
}
