using Gitmoxi.LambdaSources.Aws.ApiGatewayV2.Model;

namespace Gitmoxi.LambdaSources.Providers.RouteIntegration;

/// <summary>
/// Applies route operations so that applies of one repository racing each other (two workflow runs, a run and an
/// MSBuild deploy, a manual run: nothing serializes them) end with one integration per route and no orphan.
/// Integrations have no natural key, so AWS cannot refuse the second of two equal creates as it refuses a second
/// mapping or statement; instead, every run that creates an integration:
/// <list type="number">
/// <item>re-reads the route first and adopts an equivalent integration (an <c>AWS_PROXY</c> one for the same URI)
/// another run attached since the plan (after sweeping, when it has created one itself in an earlier round);</item>
/// <item>otherwise creates its own and attaches it; when a racing run deleted it in between (step 3 of that run), it
/// starts over from step 1;</item>
/// <item>after attaching, re-reads the route. Still its own: it deletes every integration carrying this repository's
/// marker for the same URI that no route uses (the losers of runs that attached before it, creations of runs still
/// between create and attach, which then start over at step 1). A racing run's since: the same sweep removes its own
/// creation, and it adopts that run's.</item>
/// </list>
/// A create whose answer is lost is reconciled by reading, which finds an equivalent integration but cannot tell
/// this run's from another's (integrations have no natural key); so a run may go on with another run's while its own
/// stays unused. That is why a run that created anything sweeps before it returns, whichever integration it returns.
/// An integration is deleted only when the routes read just before show no route using it, and AWS itself refuses
/// to delete one a route targets (<c>ConflictException</c>), so a route never loses its integration to a racing run.
/// Whichever run attaches last sweeps what every earlier one left (an integration created after its sweep read is
/// either attached later, contradicting "last", or deleted before it could be), so no orphan outlives the race.
/// </summary>
internal sealed class RouteApplier(ApplyContext context)
{
    private const string IntegrationsPrefix = "integrations/";

    /// <summary>Rounds of step 1–2 when racing runs keep deleting the integration this run created before it is attached.</summary>
    private static readonly Backoff Attaching = new(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    private readonly AmazonApiGatewayV2Client apiGateway = context.Aws.ApiGateway;
    private readonly ILogger logger = context.Logger;

    /// <returns>The id of the integration the route now targets when this run created it or adopted another run's; null when the plan named one to reuse.</returns>
    public async Task<string?> SetTargetAsync(SetRouteTarget set, CancellationToken cancellationToken)
    {
        string? attached = null;
        if (set.IntegrationId is { } reuse)
        {
            await AttachAsync(set.ApiId, set.RouteId, reuse, cancellationToken);
        }
        else if (set.Create is { } create)
        {
            attached = await AttachOwnAsync(set.ApiId, set.RouteId, create, cancellationToken);
        }
        else
        {
            throw new GitmoxiException(DiagnosticCodes.ChangeFailed, "the plan names no integration for the route");
        }

        await DeleteIfUnusedAsync(set.ApiId, set.DeleteIntegrationId, cancellationToken);
        return attached;
    }

    public async Task DetachAsync(DetachRoute detach, CancellationToken cancellationToken)
    {
        await AttachAsync(detach.ApiId, detach.RouteId, null, cancellationToken);
        await DeleteIfUnusedAsync(detach.ApiId, detach.DeleteIntegrationId, cancellationToken);
    }

    /// <summary>An orphan: deleted unless a route started using it since the plan (then it is no longer an orphan and stays).</summary>
    public async Task DeleteOrphanAsync(DeleteOrphanIntegration orphan, CancellationToken cancellationToken)
    {
        var routes = await RouteReader.ReadRoutesAsync(context.Aws, orphan.ApiId, cancellationToken);
        if (routes.Any(r => r.Target == IntegrationsPrefix + orphan.IntegrationId))
        {
            Progress.IntegrationKept(logger, orphan.IntegrationId, orphan.ApiId);
            return;
        }

        await DeleteIfUnusedAsync(orphan.ApiId, orphan.IntegrationId, cancellationToken);
    }

    private async Task<string> AttachOwnAsync(string apiId, string routeId, CreateIntegration create, CancellationToken cancellationToken)
    {
        var started = context.Time.GetUtcNow();
        for (var round = 1; ; round++)
        {
            // 1. Another run of this repository may have attached an equivalent integration since the plan: adopt it.
            // From round 2 on, this run has created one: usually a racing sweep deleted it, but after a lost answer
            // the id it went on with may have been another run's equivalent, and its own creation is still there,
            // unused. A sweep now removes it; no later sweep is sure to see it.
            if (await EquivalentTargetAsync(apiId, routeId, create, cancellationToken) is { } theirs)
            {
                if (round > 1)
                {
                    await SweepAsync(apiId, create, cancellationToken);
                }

                Progress.IntegrationAdopted(logger, routeId, apiId, theirs);
                return theirs;
            }

            // 2. Create ours and attach it.
            var ours = await CreateAsync(apiId, create, cancellationToken);
            if (await TryAttachAsync(apiId, routeId, ours, cancellationToken))
            {
                // 3. A racing run attached its own after us: ours goes now, with any creation of ours a lost answer
                // hid (see step 1).
                var target = (await RouteReader.ReadRoutesAsync(context.Aws, apiId, cancellationToken)).FirstOrDefault(r => r.RouteId == routeId)?.Target;
                if (target != IntegrationsPrefix + ours)
                {
                    await SweepAsync(apiId, create, cancellationToken);
                    if (await EquivalentTargetAsync(apiId, routeId, create, cancellationToken) is { } adopted)
                    {
                        return adopted;
                    }

                    // The route names an integration a racing run's sweep has just deleted (that run attached yet
                    // another one), or one that is not ours to replace; only the first is a race to wait out.
                    if (await ForeignTargetAsync(apiId, routeId, create, cancellationToken) is { } foreign)
                    {
                        throw new GitmoxiException(
                            DiagnosticCodes.ChangeFailed,
                            $"route {routeId} was pointed at {foreign} by another writer while this apply attached it; plan again");
                    }
                }
                else
                {
                    // Still ours: delete what racing runs created for this URI and no route uses.
                    await SweepAsync(apiId, create, cancellationToken);
                    return ours;
                }
            }

            // A racing run's sweep (its step 3) deleted ours before the route pointed at it, or the route named one
            // such a sweep deleted: that run attached its own; look again.
            if (!Attaching.TryDelay(round, context.Time.GetUtcNow() - started, out var delay))
            {
                throw new GitmoxiException(
                    DiagnosticCodes.ChangeFailed,
                    $"the integration created for route {routeId} was deleted by a racing apply {round} times before the route could use it; plan again");
            }

            await Task.Delay(delay, context.Time, cancellationToken);
        }
    }

    /// <summary>False when the integration is gone (AWS refuses a target naming no integration): a racing run deleted it.</summary>
    private async Task<bool> TryAttachAsync(string apiId, string routeId, string integrationId, CancellationToken cancellationToken)
    {
        try
        {
            await AttachAsync(apiId, routeId, integrationId, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            if (await IntegrationExistsAsync(apiId, integrationId, cancellationToken))
            {
                throw; // the route or the API is gone, not our integration
            }

            return false;
        }
    }

    /// <summary>The integration the route targets now, when it is an equivalent of <paramref name="create"/>.</summary>
    private async Task<string?> EquivalentTargetAsync(string apiId, string routeId, CreateIntegration create, CancellationToken cancellationToken)
    {
        var routes = await RouteReader.ReadRoutesAsync(context.Aws, apiId, cancellationToken);
        if (routes.FirstOrDefault(r => r.RouteId == routeId)?.Target is not { } target || !target.StartsWith(IntegrationsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var integrations = await RouteReader.ReadIntegrationsAsync(context.Aws, apiId, cancellationToken);
        var current = integrations.FirstOrDefault(i => i.IntegrationId == target[IntegrationsPrefix.Length..]);
        return current is not null && RouteDiff.IsProxyFor(current, create.IntegrationUri) ? current.IntegrationId : null;
    }

    /// <summary>The route's target when it names an integration that exists and is not an equivalent of <paramref name="create"/>.</summary>
    private async Task<string?> ForeignTargetAsync(string apiId, string routeId, CreateIntegration create, CancellationToken cancellationToken)
    {
        var routes = await RouteReader.ReadRoutesAsync(context.Aws, apiId, cancellationToken);
        if (routes.FirstOrDefault(r => r.RouteId == routeId)?.Target is not { } target)
        {
            return null;
        }

        if (!target.StartsWith(IntegrationsPrefix, StringComparison.Ordinal))
        {
            return target;
        }

        var integrations = await RouteReader.ReadIntegrationsAsync(context.Aws, apiId, cancellationToken);
        var current = integrations.FirstOrDefault(i => i.IntegrationId == target[IntegrationsPrefix.Length..]);
        return current is not null && !RouteDiff.IsProxyFor(current, create.IntegrationUri) ? target : null;
    }

    /// <summary>Deletes every integration with this repository's marker and the URI of <paramref name="create"/> that no route targets.</summary>
    private async Task SweepAsync(string apiId, CreateIntegration create, CancellationToken cancellationToken)
    {
        // Integrations first, routes second: one attached between the two reads is seen as used.
        var candidates = (await RouteReader.ReadIntegrationsAsync(context.Aws, apiId, cancellationToken))
            .Where(i => i.Description == create.Description && RouteDiff.IsProxyFor(i, create.IntegrationUri))
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var used = (await RouteReader.ReadRoutesAsync(context.Aws, apiId, cancellationToken)).Select(r => r.Target).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var unused in candidates.Where(i => !used.Contains(IntegrationsPrefix + i.IntegrationId)))
        {
            Progress.DeletingDuplicateIntegration(logger, unused.IntegrationId, apiId);
            await DeleteIfUnusedAsync(apiId, unused.IntegrationId, cancellationToken);
        }
    }

    /// <param name="integrationId">The integration to point at; null detaches the route.</param>
    private async Task AttachAsync(string apiId, string routeId, string? integrationId, CancellationToken cancellationToken) =>
        await apiGateway.UpdateRouteAsync(
            new UpdateRouteRequest { ApiId = apiId, RouteId = routeId, Target = integrationId is null ? string.Empty : IntegrationsPrefix + integrationId },
            cancellationToken);

    /// <summary>Deletes an integration; gone already is done, and one a route uses (AWS answers ConflictException) is kept.</summary>
    private async Task DeleteIfUnusedAsync(string apiId, string? integrationId, CancellationToken cancellationToken)
    {
        if (integrationId is null)
        {
            return;
        }

        // A lost answer is reconciled by reading: gone is done, and so is in use (the lost answer was ConflictException:
        // a racing run attached it); still there and unused is deleted once more.
        await ReconciledDelete.RunAsync(
            $"DeleteIntegration {integrationId}",
            async () =>
            {
                try
                {
                    await apiGateway.DeleteIntegrationAsync(new DeleteIntegrationRequest { ApiId = apiId, IntegrationId = integrationId }, cancellationToken);
                }
                catch (NotFoundException)
                {
                    // Already gone: deleted by a racing run, or a lost answer's first attempt.
                }
                catch (AwsServiceException e) when (e.ErrorCode == "ConflictException")
                {
                    // A route uses it (a racing run attached it after our read): it is not an orphan, so it stays.
                    Progress.IntegrationKept(logger, integrationId, apiId);
                }
            },
            () => UnusedIntegrationExistsAsync(apiId, integrationId, cancellationToken));
    }

    private async Task<bool> UnusedIntegrationExistsAsync(string apiId, string integrationId, CancellationToken cancellationToken) =>
        await IntegrationExistsAsync(apiId, integrationId, cancellationToken)
        && !(await RouteReader.ReadRoutesAsync(context.Aws, apiId, cancellationToken)).Any(r => r.Target == IntegrationsPrefix + integrationId);

    private async Task<bool> IntegrationExistsAsync(string apiId, string integrationId, CancellationToken cancellationToken) =>
        (await RouteReader.ReadIntegrationsAsync(context.Aws, apiId, cancellationToken)).Any(i => i.IntegrationId == integrationId);

    /// <summary>Integrations have no natural key: after an unknown outcome, ours is the AWS_PROXY integration of this URI we describe as ours.</summary>
    private async Task<string> CreateAsync(string apiId, CreateIntegration create, CancellationToken cancellationToken)
    {
        var request = new CreateIntegrationRequest
        {
            ApiId = apiId,
            IntegrationType = create.IntegrationType,
            IntegrationUri = create.IntegrationUri,
            IntegrationMethod = create.IntegrationMethod,
            PayloadFormatVersion = create.PayloadFormatVersion,
            Description = create.Description,
        };
        return await ReconciledCreate.RunAsync(
            "CreateIntegration",
            async _ => (await apiGateway.CreateIntegrationAsync(request, cancellationToken)).IntegrationId!,
            async () => (await RouteReader.ReadIntegrationsAsync(context.Aws, apiId, cancellationToken))
                .FirstOrDefault(i => i.IntegrationUri == request.IntegrationUri && i.IntegrationType == request.IntegrationType && i.Description == request.Description)
                ?.IntegrationId,
            context.Time,
            cancellationToken);
    }
}
