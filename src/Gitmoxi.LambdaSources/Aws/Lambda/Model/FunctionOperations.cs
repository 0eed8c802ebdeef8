namespace Gitmoxi.LambdaSources.Aws.Lambda.Model;

/// <summary><c>GET /2015-03-31/functions/{FunctionName}?Qualifier=…</c>.</summary>
internal sealed class GetFunctionRequest
{
    /// <summary>Name, ARN or partial ARN; goes to the path.</summary>
    public string? FunctionName { get; set; }

    /// <summary>Version or alias, including <c>$LATEST</c>; goes to the query (a <c>$</c> in the path is not routable).</summary>
    public string? Qualifier { get; set; }
}

internal sealed class GetFunctionResponse
{
    public FunctionConfiguration? Configuration { get; set; }

    public Dictionary<string, string>? Tags { get; set; }
}

/// <summary>The members of the API's function configuration that the engine reads; the rest are skipped when parsing.</summary>
internal sealed class FunctionConfiguration
{
    public string? FunctionName { get; set; }

    public string? FunctionArn { get; set; }

    public string? Runtime { get; set; }

    public string? Role { get; set; }

    public string? Handler { get; set; }

    public string? Description { get; set; }

    /// <summary>ISO 8601 text as AWS sends it (it may carry more fractional digits than <see cref="DateTime"/> parses).</summary>
    public string? LastModified { get; set; }

    public string? Version { get; set; }

    public string? MasterArn { get; set; }

    public string? RevisionId { get; set; }

    public string? PackageType { get; set; }

    /// <summary><c>Pending</c>, <c>Active</c>, <c>Inactive</c>, <c>Failed</c>, …</summary>
    public string? State { get; set; }

    public string? StateReason { get; set; }

    public string? StateReasonCode { get; set; }

    /// <summary><c>Successful</c>, <c>Failed</c> or <c>InProgress</c>.</summary>
    public string? LastUpdateStatus { get; set; }

    public string? LastUpdateStatusReason { get; set; }

    public string? LastUpdateStatusReasonCode { get; set; }
}

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/aliases/{Name}</c>.</summary>
internal sealed class GetAliasRequest
{
    public string? FunctionName { get; set; }

    public string? Name { get; set; }
}

internal sealed class GetAliasResponse
{
    public string? AliasArn { get; set; }

    public string? Name { get; set; }

    public string? FunctionVersion { get; set; }

    public string? Description { get; set; }

    public AliasRoutingConfiguration? RoutingConfig { get; set; }

    public string? RevisionId { get; set; }
}

internal sealed class AliasRoutingConfiguration
{
    public Dictionary<string, double>? AdditionalVersionWeights { get; set; }
}

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/aliases</c>; the rest goes to the query string.</summary>
internal sealed class ListAliasesRequest
{
    public string? FunctionName { get; set; }

    public string? Marker { get; set; }
}

internal sealed class ListAliasesResponse
{
    public string? NextMarker { get; set; }

    public List<AliasConfiguration>? Aliases { get; set; }
}

/// <summary>The members of the API's alias configuration that the engine reads; the rest are skipped when parsing.</summary>
internal sealed class AliasConfiguration
{
    public string? AliasArn { get; set; }

    public string? Name { get; set; }
}

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/versions</c>; the rest goes to the query string.</summary>
internal sealed class ListVersionsByFunctionRequest
{
    public string? FunctionName { get; set; }

    public string? Marker { get; set; }
}

internal sealed class ListVersionsByFunctionResponse
{
    public string? NextMarker { get; set; }

    /// <summary><c>$LATEST</c> and every published version.</summary>
    public List<FunctionConfiguration>? Versions { get; set; }
}
