using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Microsoft.Extensions.Logging;

namespace Gitmoxi.LambdaSources.Applying;

/// <summary>
/// Applies event source mapping changes the way the API requires: Replace is delete → wait until gone → create
/// (create-first fails with 409 "mapping already exists"), every change waits for <c>State</c> to settle, and a
/// mapping busy in another operation (<c>ResourceInUseException</c>) is waited for, then retried.
/// </summary>
internal sealed class EventSourceMappingApplier(IAmazonLambda lambda, EngineOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(5);

    /// <returns>The UUID of the mapping created, if any.</returns>
    public async Task<string?> ExecuteAsync(FunctionPlan function, PlannedChange change, CancellationToken cancellationToken)
    {
        switch (change.Action)
        {
            case ChangeAction.Create:
                return await CreateAsync(change.Desired!, cancellationToken);
            case ChangeAction.Update:
                await UpdateAsync(function, change, cancellationToken);
                return null;
            case ChangeAction.Replace:
                await DeleteAsync(change.LiveId!, cancellationToken);
                return await CreateAsync(change.Desired!, cancellationToken);
            case ChangeAction.Delete:
                await DeleteAsync(change.LiveId!, cancellationToken);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Action, "Not an event source mapping write.");
        }
    }

    private async Task<string> CreateAsync(JsonObject desired, CancellationToken cancellationToken)
    {
        var request = desired.Deserialize(LambdaJsonContext.Default.CreateEventSourceMappingRequest)!;
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
                    // After an unknown outcome, the conflict is our own earlier attempt that landed after the read.
                    if (round > 1 && await FindCreatedAsync(request, cancellationToken) is { } landed)
                    {
                        return landed;
                    }

                    // Someone created the same mapping since the plan was made (another run, a console click). Adopting
                    // it here would skip the review the plan gave; the next plan shows it as adopted.
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

    private async Task<string?> FindCreatedAsync(CreateEventSourceMappingRequest request, CancellationToken cancellationToken)
    {
        var query = new ListEventSourceMappingsRequest { FunctionName = request.FunctionName, EventSourceArn = request.EventSourceArn };
        await foreach (var mapping in lambda.Paginators.ListEventSourceMappings(query).EventSourceMappings.WithCancellation(cancellationToken))
        {
            // Self-managed Kafka has no source ARN: its identity is the function plus the topic.
            if (request.EventSourceArn is not null || mapping.Topics?.SequenceEqual(request.Topics ?? []) == true)
            {
                return mapping.UUID;
            }
        }

        return null;
    }

    private async Task UpdateAsync(FunctionPlan function, PlannedChange change, CancellationToken cancellationToken)
    {
        var uuid = change.LiveId!;
        var members = (JsonObject)change.Desired!.DeepClone();
        var tags = members["Tags"] as JsonObject;
        members.Remove("Tags");

        if (members.Count > 0)
        {
            var request = members.Deserialize(LambdaJsonContext.Default.UpdateEventSourceMappingRequest)!;
            request.UUID = uuid;
            await WhenNotInUseAsync(uuid, () => lambda.UpdateEventSourceMappingAsync(request, cancellationToken), cancellationToken);
            await WaitUntilSettledAsync(uuid, cancellationToken);
        }

        if (tags is not null)
        {
            await SyncTagsAsync(MappingArn(function.FunctionArn, uuid), change, tags, cancellationToken);
        }
    }

    /// <summary>The planner's <c>Tags.key</c> diffs say exactly which tags to set and which to remove.</summary>
    private async Task SyncTagsAsync(string mappingArn, PlannedChange change, JsonObject desired, CancellationToken cancellationToken)
    {
        const string Prefix = "Tags.";
        var tagDiffs = change.Fields.Where(f => f.Field.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        var set = tagDiffs
            .Where(f => f.After is not null)
            .Select(f => f.Field[Prefix.Length..])
            .ToDictionary(key => key, key => desired[key]!.GetValue<string>(), StringComparer.Ordinal);
        var removed = tagDiffs.Where(f => f.After is null).Select(f => f.Field[Prefix.Length..]).ToList();

        if (set.Count > 0)
        {
            await lambda.TagResourceAsync(new TagResourceRequest { Resource = mappingArn, Tags = set }, cancellationToken);
        }

        if (removed.Count > 0)
        {
            await lambda.UntagResourceAsync(new UntagResourceRequest { Resource = mappingArn, TagKeys = removed }, cancellationToken);
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
        var deadline = time.GetUtcNow() + options.EffectiveWaitTimeout;
        while (true)
        {
            try
            {
                await write();
                return;
            }
            catch (ResourceInUseException) when (time.GetUtcNow() < deadline)
            {
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
            cancellationToken);

    private async Task PollAsync(Func<Task<(bool Done, string Observed)>> probe, string uuid, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var deadline = started + options.EffectiveWaitTimeout;
        var delay = FirstPoll;
        var lastLogged = -1L;
        while (true)
        {
            var (done, observed) = await probe();
            if (done)
            {
                return;
            }

            if (time.GetUtcNow() + delay > deadline)
            {
                throw new GitmoxiException(DiagnosticCodes.ChangeFailed, string.Create(
                    CultureInfo.InvariantCulture,
                    $"mapping {uuid} did not settle within {options.EffectiveWaitTimeout.TotalSeconds:0}s (last seen: {observed})"));
            }

            // One line a second at most: the first polls are 200 ms apart.
            var elapsed = time.GetUtcNow() - started;
            if ((long)elapsed.TotalSeconds > lastLogged)
            {
                lastLogged = (long)elapsed.TotalSeconds;
                Progress.WaitingForMapping(logger, uuid, elapsed.TotalSeconds, options.EffectiveWaitTimeout.TotalSeconds, observed);
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(MaxPoll.Ticks, (long)(delay.Ticks * 1.5)));
        }
    }

    /// <summary>The mapping's own ARN (for tagging) lives in the function's account and region.</summary>
    private static string MappingArn(string functionArn, string uuid)
    {
        var parts = functionArn.Split(':');
        return $"arn:{parts[1]}:lambda:{parts[3]}:{parts[4]}:event-source-mapping:{uuid}";
    }
}
