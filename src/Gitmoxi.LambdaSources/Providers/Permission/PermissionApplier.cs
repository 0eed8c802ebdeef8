using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Providers.Permission;

/// <summary>
/// Applies statement adds and removals. Writes to one function's resource policy are serialized through a lock per
/// function shared by the whole apply (AWS drops statements when <c>AddPermission</c> calls overlap on one policy);
/// different functions proceed in parallel. Adding a statement is idempotent: when the id is taken, the policy is
/// read, and an identical statement counts as done while a different one with our id is removed and added again.
/// </summary>
internal sealed class PermissionApplier(ApplyContext context)
{
    public async Task ExecuteAsync(ChangeOperation operation, CancellationToken cancellationToken)
    {
        var functionName = operation switch
        {
            AddStatement add => add.Statement.FunctionName,
            ReplaceStatement replace => replace.Statement.FunctionName,
            RemoveStatement remove => remove.FunctionName,
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a permission operation."),
        };
        using var held = await context.Locks.AcquireAsync("policy " + functionName, cancellationToken);
        switch (operation)
        {
            case AddStatement add:
                await AddAsync(add.Statement, cancellationToken);
                break;
            case ReplaceStatement replace:
                await RemoveAsync(replace.Statement.FunctionName, replace.Statement.Qualifier, replace.Statement.StatementId, cancellationToken);
                await AddAsync(replace.Statement, cancellationToken);
                break;
            case RemoveStatement remove:
                await RemoveAsync(remove.FunctionName, remove.Qualifier, remove.StatementId, cancellationToken);
                break;
        }
    }

    private async Task AddAsync(PermissionStatement statement, CancellationToken cancellationToken)
    {
        var request = new AddPermissionRequest
        {
            FunctionName = statement.FunctionName,
            Qualifier = statement.Qualifier,
            StatementId = statement.StatementId,
            Action = PermissionStatement.InvokeAction,
            Principal = statement.Principal,
            SourceArn = statement.SourceArn,
            SourceAccount = statement.SourceAccount,
        };

        // The statement id makes a repeated add safe: a second add of the same id is refused, never duplicated.
        await ReconciledCreate.RunAsync(
            $"AddPermission {request.StatementId}",
            async _ =>
            {
                await AddOnceAsync(request, cancellationToken);
                return request.StatementId!;
            },
            async () => await ExistingAsync(request, cancellationToken) == Wanted(request) ? request.StatementId : null,
            context.Time,
            cancellationToken);
    }

    private async Task AddOnceAsync(AddPermissionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Lambda.AddPermissionAsync(request, cancellationToken);
        }
        catch (ResourceConflictException)
        {
            if (await ExistingAsync(request, cancellationToken) is { } existing && existing == Wanted(request))
            {
                return;
            }

            await RemoveAsync(request.FunctionName!, request.Qualifier, request.StatementId!, cancellationToken);
            await context.Aws.Lambda.AddPermissionAsync(request, cancellationToken);
        }
        catch (PolicyLengthExceededException e)
        {
            throw new GitmoxiException(
                DiagnosticCodes.PolicyTooLarge,
                $"{e.ErrorCode}: the resource policy of {request.FunctionName}{(request.Qualifier is null ? "" : ":" + request.Qualifier)} is full "
                + "(Lambda limits it to 20 KB). Wire fewer routes to this function, or replace per-route permissions with one API-wide "
                + "permission (SourceArn arn:aws:execute-api:REGION:ACCOUNT:API_ID/*) that you manage yourself.");
        }
    }

    private static LiveStatement Wanted(AddPermissionRequest request) =>
        new(request.StatementId!, "Allow", request.Principal, request.Action, request.SourceArn, LiveStatement.SourceAccountCondition(request.SourceAccount));

    private Task<LiveStatement?> ExistingAsync(AddPermissionRequest request, CancellationToken cancellationToken) =>
        StatementAsync(request.FunctionName!, request.Qualifier, request.StatementId!, cancellationToken);

    private async Task<LiveStatement?> StatementAsync(string functionName, string? qualifier, string statementId, CancellationToken cancellationToken)
    {
        try
        {
            var policy = await context.Aws.Lambda.GetPolicyAsync(new GetPolicyRequest { FunctionName = functionName, Qualifier = qualifier }, cancellationToken);
            return PushSources.ParsePolicy(policy.Policy).FirstOrDefault(s => s.Sid == statementId);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A lost answer is reconciled by reading the policy: the statement gone is done, still there is removed once more.</summary>
    private async Task RemoveAsync(string functionName, string? qualifier, string statementId, CancellationToken cancellationToken) =>
        await ReconciledDelete.RunAsync(
            $"RemovePermission {statementId}",
            () => RemoveOnceAsync(functionName, qualifier, statementId, cancellationToken),
            async () => await StatementAsync(functionName, qualifier, statementId, cancellationToken) is not null);

    private async Task RemoveOnceAsync(string functionName, string? qualifier, string statementId, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Lambda.RemovePermissionAsync(
                new RemovePermissionRequest { FunctionName = functionName, Qualifier = qualifier, StatementId = statementId }, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            Progress.StatementGone(context.Logger, statementId);
        }
    }
}
