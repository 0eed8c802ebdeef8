namespace Gitmoxi.LambdaSources.Aws.Lambda.Model;

/// <summary><c>GET /2015-03-31/functions/{FunctionName}/policy?Qualifier=…</c>.</summary>
internal sealed class GetPolicyRequest
{
    public string? FunctionName { get; set; }

    public string? Qualifier { get; set; }
}

internal sealed class GetPolicyResponse
{
    /// <summary>The resource-based policy, a JSON document in a string.</summary>
    public string? Policy { get; set; }

    public string? RevisionId { get; set; }
}

/// <summary>
/// <c>POST /2015-03-31/functions/{FunctionName}/policy?Qualifier=…</c>; <see cref="FunctionName"/> goes to the
/// path, <see cref="Qualifier"/> to the query, the rest to the body. Required: FunctionName, StatementId, Action, Principal.
/// </summary>
internal sealed class AddPermissionRequest
{
    public string? FunctionName { get; set; }

    public string? StatementId { get; set; }

    public string? Action { get; set; }

    public string? Principal { get; set; }

    public string? SourceArn { get; set; }

    public string? SourceAccount { get; set; }

    public string? EventSourceToken { get; set; }

    public string? Qualifier { get; set; }

    public string? RevisionId { get; set; }

    public string? PrincipalOrgID { get; set; }

    /// <summary><c>AWS_IAM</c> or <c>NONE</c>.</summary>
    public string? FunctionUrlAuthType { get; set; }

    public bool? InvokedViaFunctionUrl { get; set; }
}

internal sealed class AddPermissionResponse
{
    /// <summary>The statement added, a JSON document in a string.</summary>
    public string? Statement { get; set; }
}

/// <summary>
/// <c>DELETE /2015-03-31/functions/{FunctionName}/policy/{StatementId}?Qualifier=…&amp;RevisionId=…</c>; no body.
/// </summary>
internal sealed class RemovePermissionRequest
{
    public string? FunctionName { get; set; }

    public string? StatementId { get; set; }

    public string? Qualifier { get; set; }

    public string? RevisionId { get; set; }
}

internal sealed class RemovePermissionResponse;
