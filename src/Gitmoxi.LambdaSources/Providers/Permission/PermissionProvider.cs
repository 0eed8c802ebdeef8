namespace Gitmoxi.LambdaSources.Providers.Permission;

/// <summary>
/// Lambda permissions (resource-policy statements): read by <see cref="PolicyReader"/>, diffed by
/// <see cref="PermissionDiff"/> against what the wiring providers require, applied by <see cref="PermissionApplier"/>.
/// </summary>
internal sealed class PermissionProvider : IOperationApplier
{
    public static PolicyReader StartRead(AwsClients aws) => new(aws);

    public bool Handles(ChangeOperation operation) => operation is AddStatement or ReplaceStatement or RemoveStatement;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        await new PermissionApplier(context).ExecuteAsync(operation, cancellationToken);
        return null;
    }
}
