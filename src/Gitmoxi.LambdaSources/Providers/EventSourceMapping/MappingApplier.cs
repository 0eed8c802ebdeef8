using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>
/// Applies event source mapping changes the way the API requires: Replace is delete → wait until gone → create
/// (create-first fails with 409 "mapping already exists"), every change waits for <c>State</c> to settle, and a
/// mapping busy in another operation (<c>ResourceInUseException</c>) is waited for, then retried.
/// </summary>
internal sealed class MappingApplier(ApplyContext context)
{
    /// <summary>How a mapping is polled while it settles; the wait timeout of the run bounds the total.</summary>
    private static readonly Backoff Polling = new(int.MaxValue, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    private readonly AmazonLambdaClient lambda = context.Aws.Lambda;
    private readonly EngineOptions options = context.Options;
    private readonly TimeProvider time = context.Time;
    private readonly ILogger logger = context.Logger;

    /// <returns>The UUID of the mapping created, if any.</returns>
    public async Task<string?> ExecuteAsync(ChangeOperation operation, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case CreateMapping create:
                return await CreateAsync(create.FunctionArn, create.Request, cancellationToken);
            case UpdateMapping update:
                await UpdateAsync(update, cancellationToken);
                return null;
            case ReplaceMapping replace:
                await DeleteAsync(replace.Uuid, cancellationToken);
                return await CreateAsync(replace.FunctionArn, replace.Request, cancellationToken);
            case DeleteMapping delete:
                await DeleteAsync(delete.Uuid, cancellationToken);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an event source mapping operation.");
        }
    }

    private async Task<string> CreateAsync(string functionArn, JsonObject body, CancellationToken cancellationToken)
    {
        var request = RequestFidelity.Typed(body, LambdaJsonContext.Default.CreateEventSourceMappingRequest);
        request.FunctionName = functionArn;
        // A create whose outcome is unknown (a timeout, a dropped connection, a 5xx) is looked for before it is sent
        // again; AWS also refuses a second mapping of one source and function, so a retry cannot duplicate it.
        var uuid = await ReconciledCreate.RunAsync(
            "CreateEventSourceMapping",
            async round =>
            {
                try
                {
                    return (await lambda.CreateEventSourceMappingAsync(request, cancellationToken)).UUID!;
                }
                catch (ResourceConflictException e)
                {
                    var existing = await FindCreatedAsync(request, cancellationToken);

                    // After an unknown outcome, the conflict is our own earlier attempt that landed after the read.
                    if (round > 1 && existing is not null)
                    {
                        return existing;
                    }

                    // A racing apply of this same definition created exactly this mapping: it is what the plan creates.
                    if (existing is not null && await IsThisCreationAsync(existing, request, cancellationToken))
                    {
                        Progress.MappingAdopted(logger, existing);
                        return existing;
                    }

                    // Someone else created a mapping of this source and function since the plan was made (another
                    // definition or repository, a console click, an apply of other settings). Adopting it here would
                    // skip the review the plan gave; the next plan shows it as adopted.
                    throw new GitmoxiException(
                        DiagnosticCodes.ChangeFailed,
                        $"a mapping for this event source and function was created since the plan was made ({e.Message}); plan again to adopt it");
                }
            },
            () => FindCreatedAsync(request, cancellationToken),
            time,
            cancellationToken);

        await WaitUntilSettledAsync(uuid, cancellationToken);
        return uuid;
    }

    /// <summary>Whether mapping <paramref name="uuid"/>, once settled, is exactly what <paramref name="request"/> creates (<see cref="SameMapping"/>).</summary>
    private async Task<bool> IsThisCreationAsync(string uuid, CreateEventSourceMappingRequest request, CancellationToken cancellationToken)
    {
        await WaitUntilSettledAsync(uuid, cancellationToken, force: true);
        var live = await lambda.GetEventSourceMappingAsync(new GetEventSourceMappingRequest { UUID = uuid }, cancellationToken);
        var tags = (await lambda.ListTagsAsync(new ListTagsRequest { Resource = live.EventSourceMappingArn }, cancellationToken)).Tags;
        return SameMapping.Matches(request, live, tags ?? new Dictionary<string, string>());
    }

    private async Task<string?> FindCreatedAsync(CreateEventSourceMappingRequest request, CancellationToken cancellationToken)
    {
        var query = new ListEventSourceMappingsRequest { FunctionName = request.FunctionName, EventSourceArn = request.EventSourceArn };
        await foreach (var mapping in lambda.ListAllEventSourceMappings(query).WithCancellation(cancellationToken))
        {
            // Self-managed Kafka has no source ARN: its identity is the function plus the topic.
            if (request.EventSourceArn is not null || mapping.Topics?.SequenceEqual(request.Topics ?? []) == true)
            {
                return mapping.UUID;
            }
        }

        return null;
    }

    private async Task UpdateAsync(UpdateMapping update, CancellationToken cancellationToken)
    {
        var uuid = update.Uuid;
        if (update.Update.Count > 0)
        {
            var request = RequestFidelity.Typed(update.Update, LambdaJsonContext.Default.UpdateEventSourceMappingRequest);
            request.UUID = uuid;
            await WhenNotInUseAsync(uuid, () => lambda.UpdateEventSourceMappingAsync(request, cancellationToken), cancellationToken);
            await WaitUntilSettledAsync(uuid, cancellationToken);
        }

        if (update.Tags.Set.Count > 0)
        {
            var set = new Dictionary<string, string>(update.Tags.Set, StringComparer.Ordinal);
            await lambda.TagResourceAsync(new TagResourceRequest { Resource = update.MappingArn, Tags = set }, cancellationToken);
        }

        if (update.Tags.Remove.Count > 0)
        {
            await lambda.UntagResourceAsync(new UntagResourceRequest { Resource = update.MappingArn, TagKeys = [.. update.Tags.Remove] }, cancellationToken);
        }
    }

    private async Task DeleteAsync(string uuid, CancellationToken cancellationToken, bool isRetry = false)
    {
        try
        {
            await WhenNotInUseAsync(
                uuid,
                () => lambda.DeleteEventSourceMappingAsync(new DeleteEventSourceMappingRequest { UUID = uuid }, cancellationToken),
                cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return; // already gone: the goal of a delete
        }
        catch (AwsOutcomeUnknownException) when (!isRetry)
        {
            // Deleting twice is harmless (the second answers not found, or in use while Deleting), so ask once more.
            await DeleteAsync(uuid, cancellationToken, isRetry: true);
            return;
        }

        await WaitUntilGoneAsync(uuid, cancellationToken);
    }

    /// <summary>Runs a write, and when the mapping is busy with another operation, waits for it to settle and retries.</summary>
    private async Task WhenNotInUseAsync<T>(string uuid, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var policy = Polling with { MaxTotalTime = options.EffectiveWaitTimeout };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                return;
            }
            catch (ResourceInUseException) when (policy.AllowsRetry(attempt, time.GetUtcNow() - started))
            {
                Progress.MappingInUse(logger, uuid);
                await WaitUntilSettledAsync(uuid, cancellationToken, force: true);
            }
        }
    }

    private async Task WaitUntilSettledAsync(string uuid, CancellationToken cancellationToken, bool force = false)
    {
        if (!options.Wait && !force)
        {
            return;
        }

        await PollAsync(
            async () =>
            {
                var state = (await lambda.GetEventSourceMappingAsync(new GetEventSourceMappingRequest { UUID = uuid }, cancellationToken)).State;
                return (state is "Enabled" or "Disabled", $"state {state}");
            },
            uuid,
            "settle",
            cancellationToken);
    }

    /// <summary>Always waits, even with waiting off: a create after a delete conflicts until the old mapping is gone.</summary>
    private Task WaitUntilGoneAsync(string uuid, CancellationToken cancellationToken) =>
        PollAsync(
            async () =>
            {
                try
                {
                    var state = (await lambda.GetEventSourceMappingAsync(new GetEventSourceMappingRequest { UUID = uuid }, cancellationToken)).State;
                    return (false, $"state {state}");
                }
                catch (ResourceNotFoundException)
                {
                    return (true, "deleted");
                }
            },
            uuid,
            "be deleted",
            cancellationToken);

    private async Task PollAsync(Func<Task<(bool Done, string Observed)>> probe, string uuid, string goal, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var policy = Polling with { MaxTotalTime = options.EffectiveWaitTimeout };
        for (var attempt = 1; ; attempt++)
        {
            var (done, observed) = await probe();
            if (done)
            {
                return;
            }

            if (!policy.TryDelay(attempt, time.GetUtcNow() - started, out var delay))
            {
                throw new GitmoxiException(DiagnosticCodes.ChangeFailed, string.Create(
                    CultureInfo.InvariantCulture,
                    $"mapping {uuid} did not settle within {options.EffectiveWaitTimeout.TotalSeconds:0}s (last seen: {observed})"));
            }

            Progress.WaitingForMapping(logger, uuid, goal, observed, time.GetUtcNow() - started, options.EffectiveWaitTimeout);
            await Task.Delay(delay, time, cancellationToken);
        }
    }
}
