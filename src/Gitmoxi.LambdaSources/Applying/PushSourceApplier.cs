using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;

namespace Gitmoxi.LambdaSources.Applying;

/// <summary>
/// Applies permission, target registration and route changes. Writes to one function's resource policy are
/// serialized through a lock per function shared by the whole apply (AWS drops statements when
/// <c>AddPermission</c> calls overlap on one policy); different functions proceed in parallel. Adding a statement is
/// idempotent: when the id is taken, the policy is read, and an identical statement counts as done while a
/// different one with our id is removed and added again.
/// </summary>
internal sealed class PushSourceApplier(
    IAmazonLambda lambda, IAmazonElasticLoadBalancingV2 elb, IAmazonApiGatewayV2 apiGateway, TimeProvider time)
{
    /// <summary>How long a registration refused for lack of permission is retried: the new statement takes seconds to reach ELB.</summary>
    private static readonly TimeSpan PermissionPropagation = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> policyLocks = new(StringComparer.Ordinal);

    /// <returns>The id of what was created (an integration id), if any.</returns>
    public async Task<string?> ExecuteAsync(PlannedChange change, CancellationToken cancellationToken)
    {
        var desired = change.Desired ?? throw new GitmoxiException(DiagnosticCodes.ChangeFailed, $"the plan carries no request for {change.Address}");
        switch (change.Kind)
        {
            case ResourceKind.Permission:
                await PermissionAsync(change.Action, desired, cancellationToken);
                return null;
            case ResourceKind.TargetRegistration:
                await RegistrationAsync(desired, cancellationToken);
                return null;
            case ResourceKind.RouteIntegration:
                return await RouteAsync(desired, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Not a push-source change.");
        }
    }

    private async Task PermissionAsync(ChangeAction action, JsonObject desired, CancellationToken cancellationToken)
    {
        var functionName = Text(desired, "FunctionName")!;
        var gate = policyLocks.GetOrAdd(functionName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            switch (action)
            {
                case ChangeAction.Create:
                    await AddAsync(desired, cancellationToken);
                    break;
                case ChangeAction.Replace:
                    await RemoveAsync(desired, cancellationToken);
                    await AddAsync(desired, cancellationToken);
                    break;
                case ChangeAction.Delete:
                    await RemoveAsync(desired, cancellationToken);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(action), action, "Not a permission write.");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task AddAsync(JsonObject desired, CancellationToken cancellationToken)
    {
        var request = new AddPermissionRequest
        {
            FunctionName = Text(desired, "FunctionName"),
            Qualifier = Text(desired, "Qualifier"),
            StatementId = Text(desired, "StatementId"),
            Action = Text(desired, "Action"),
            Principal = Text(desired, "Principal"),
            SourceArn = Text(desired, "SourceArn"),
        };

        // The statement id makes a repeated add safe: a second add of the same id is refused, never duplicated.
        await ReconciledCreate.RunAsync(
            $"AddPermission {request.StatementId}",
            async _ =>
            {
                await AddOnceAsync(request, desired, cancellationToken);
                return request.StatementId!;
            },
            async () => await ExistingAsync(request, cancellationToken) == Wanted(request) ? request.StatementId : null,
            time,
            cancellationToken);
    }

    private async Task AddOnceAsync(AddPermissionRequest request, JsonObject desired, CancellationToken cancellationToken)
    {
        try
        {
            await lambda.AddPermissionAsync(request, cancellationToken);
        }
        catch (ResourceConflictException)
        {
            if (await ExistingAsync(request, cancellationToken) is { } existing && existing == Wanted(request))
            {
                return;
            }

            await RemoveAsync(desired, cancellationToken);
            await lambda.AddPermissionAsync(request, cancellationToken);
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
        new(request.StatementId!, "Allow", request.Principal, request.Action, request.SourceArn, null);

    private async Task<LiveStatement?> ExistingAsync(AddPermissionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var policy = await lambda.GetPolicyAsync(
                new GetPolicyRequest { FunctionName = request.FunctionName, Qualifier = request.Qualifier }, cancellationToken);
            return PushSources.ParsePolicy(policy.Policy).FirstOrDefault(s => s.Sid == request.StatementId);
        }
        catch (Aws.Lambda.Model.ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task RemoveAsync(JsonObject desired, CancellationToken cancellationToken)
    {
        try
        {
            await lambda.RemovePermissionAsync(
                new RemovePermissionRequest
                {
                    FunctionName = Text(desired, "FunctionName"),
                    Qualifier = Text(desired, "Qualifier"),
                    StatementId = Text(desired, "StatementId"),
                },
                cancellationToken);
        }
        catch (Aws.Lambda.Model.ResourceNotFoundException)
        {
            // Already gone: the goal of a removal.
        }
    }

    private async Task RegistrationAsync(JsonObject desired, CancellationToken cancellationToken)
    {
        var group = Text(desired, "TargetGroupArn")!;
        var stale = (desired["Deregister"] as JsonArray ?? []).Select(t => t!.GetValue<string>()).ToList();
        if (stale.Count > 0)
        {
            try
            {
                await elb.DeregisterTargetsAsync(
                    new DeregisterTargetsRequest { TargetGroupArn = group, Targets = [.. stale.Select(id => new TargetDescription { Id = id })] },
                    cancellationToken);
            }
            catch (InvalidTargetException)
            {
                // Not registered (any more): the goal of a deregistration.
            }
        }

        if (Text(desired, "Register") is { } target)
        {
            await RegisterAsync(group, target, cancellationToken);
        }
    }

    /// <summary>A permission added a moment ago may not be visible to Elastic Load Balancing yet; that refusal is retried briefly.</summary>
    private async Task RegisterAsync(string group, string target, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + PermissionPropagation;
        var delay = FirstRetry;
        while (true)
        {
            try
            {
                await elb.RegisterTargetsAsync(
                    new RegisterTargetsRequest { TargetGroupArn = group, Targets = [new TargetDescription { Id = target }] }, cancellationToken);
                return;
            }
            catch (Aws.ElasticLoadBalancingV2.Model.AccessDeniedException) when (time.GetUtcNow() + delay < deadline)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay += delay;
            }
        }
    }

    private async Task<string?> RouteAsync(JsonObject desired, CancellationToken cancellationToken)
    {
        var apiId = Text(desired, "ApiId");
        var routeId = Text(desired, "RouteId");
        string? created = null;
        string target;
        if (desired["Detach"]?.GetValue<bool>() == true)
        {
            target = string.Empty;
        }
        else
        {
            var integrationId = Text(desired, "IntegrationId");
            if (integrationId is null && desired["Integration"] is JsonObject integration)
            {
                created = integrationId = await CreateIntegrationAsync(apiId!, integration, cancellationToken);
            }

            target = "integrations/" + (integrationId ?? throw new GitmoxiException(DiagnosticCodes.ChangeFailed, "the plan names no integration for the route"));
        }

        await apiGateway.UpdateRouteAsync(new UpdateRouteRequest { ApiId = apiId, RouteId = routeId, Target = target }, cancellationToken);

        if (Text(desired, "DeleteIntegrationId") is { } unused)
        {
            try
            {
                await apiGateway.DeleteIntegrationAsync(new DeleteIntegrationRequest { ApiId = apiId, IntegrationId = unused }, cancellationToken);
            }
            catch (NotFoundException)
            {
                // Already gone.
            }
        }

        return created;
    }

    /// <summary>Integrations have no natural key: after an unknown outcome, ours is the AWS_PROXY integration of this URI we describe as ours.</summary>
    private async Task<string> CreateIntegrationAsync(string apiId, JsonObject integration, CancellationToken cancellationToken)
    {
        var request = new CreateIntegrationRequest
        {
            ApiId = apiId,
            IntegrationType = Text(integration, "IntegrationType"),
            IntegrationUri = Text(integration, "IntegrationUri"),
            IntegrationMethod = Text(integration, "IntegrationMethod"),
            PayloadFormatVersion = Text(integration, "PayloadFormatVersion"),
            Description = Text(integration, "Description"),
        };
        return await ReconciledCreate.RunAsync(
            "CreateIntegration",
            async _ => (await apiGateway.CreateIntegrationAsync(request, cancellationToken)).IntegrationId!,
            () => FindIntegrationAsync(request, cancellationToken),
            time,
            cancellationToken);
    }

    private async Task<string?> FindIntegrationAsync(CreateIntegrationRequest request, CancellationToken cancellationToken)
    {
        await foreach (var live in apiGateway.Paginators.GetIntegrations(new GetIntegrationsRequest { ApiId = request.ApiId }).WithCancellation(cancellationToken))
        {
            if (live.IntegrationUri == request.IntegrationUri && live.IntegrationType == request.IntegrationType && live.Description == request.Description)
            {
                return live.IntegrationId;
            }
        }

        return null;
    }

    private static string? Text(JsonObject node, string name) => node[name] is JsonValue value ? value.GetValue<string>() : null;
}
