namespace Gitmoxi.LambdaSources.Providers.Permission;

/// <summary>One <c>lambda:InvokeFunction</c> statement of a function's resource policy, as <c>AddPermission</c> takes it.</summary>
/// <param name="FunctionName">The unqualified function ARN.</param>
/// <param name="Qualifier">The alias or version whose policy holds it; null for the unqualified function.</param>
internal sealed record PermissionStatement(
    string FunctionName, string? Qualifier, string StatementId, string Principal, string SourceArn, string? SourceAccount = null)
{
    public const string InvokeAction = "lambda:InvokeFunction";
}

/// <summary>Adds a statement; one already there with this id and these values counts as done.</summary>
internal sealed record AddStatement(PermissionStatement Statement) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.GrantPermissions;
}

/// <summary>A statement cannot change in place: removed, then added again.</summary>
internal sealed record ReplaceStatement(PermissionStatement Statement) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.GrantPermissions;
}

/// <summary>Removes a statement; one already gone counts as done.</summary>
internal sealed record RemoveStatement(string FunctionName, string? Qualifier, string StatementId) : ChangeOperation
{
    internal override ApplyPhase Phase => ApplyPhase.RevokePermissions;
}
