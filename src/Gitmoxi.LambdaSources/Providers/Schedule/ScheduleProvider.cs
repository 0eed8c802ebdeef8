using Gitmoxi.LambdaSources.Aws.Scheduler;
using Gitmoxi.LambdaSources.Aws.Scheduler.Model;

namespace Gitmoxi.LambdaSources.Providers.Schedule;

/// <summary>EventBridge Scheduler schedules: read by <see cref="ScheduleReader"/>, diffed by <see cref="ScheduleDiff"/>, applied here.</summary>
internal sealed class ScheduleProvider : IWiringProvider
{
    public IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions) => new ScheduleReader(aws.Scheduler, functions);

    public bool Handles(ChangeOperation operation) => operation is CreateSchedule or ReplaceSchedule or DeleteSchedule;

    public async Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken)
    {
        var scheduler = context.Aws.Scheduler;
        switch (operation)
        {
            case CreateSchedule create:
                var request = create.Request.Deserialize(SchedulerJsonContext.Default.CreateScheduleRequest)!;
                return await ReconciledCreate.RunAsync(
                    $"CreateSchedule {request.GroupName}/{request.Name}",
                    async round =>
                    {
                        try
                        {
                            return (await scheduler.CreateScheduleAsync(request, cancellationToken)).ScheduleArn ?? string.Empty;
                        }
                        catch (ConflictException) when (round > 1)
                        {
                            // An earlier round's create landed after all: it is ours when it carries our description.
                            if (await FindAsync(scheduler, request, cancellationToken) is { } landed)
                            {
                                return landed;
                            }

                            throw;
                        }
                    },
                    () => FindAsync(scheduler, request, cancellationToken),
                    context.Time,
                    cancellationToken);
            case ReplaceSchedule replace:
                var update = replace.Request.Deserialize(SchedulerJsonContext.Default.UpdateScheduleRequest)!;
                return (await scheduler.UpdateScheduleAsync(update, cancellationToken)).ScheduleArn;
            case DeleteSchedule delete:
                await ReconciledDelete.RunAsync(
                    $"DeleteSchedule {delete.GroupName}/{delete.Name}",
                    async () =>
                    {
                        try
                        {
                            await scheduler.DeleteScheduleAsync(new DeleteScheduleRequest { GroupName = delete.GroupName, Name = delete.Name }, cancellationToken);
                        }
                        catch (ResourceNotFoundException)
                        {
                            // Already gone.
                        }
                    },
                    async () => await FindAsync(scheduler, new CreateScheduleRequest { GroupName = delete.GroupName, Name = delete.Name }, cancellationToken) is not null);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a schedule operation.");
        }
    }

    /// <summary>The schedule's ARN when it exists, with the description the request gives it (ours), or any description when the request has none.</summary>
    private static async Task<string?> FindAsync(AmazonSchedulerClient scheduler, CreateScheduleRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var live = await scheduler.GetScheduleAsync(new GetScheduleRequest { GroupName = request.GroupName, Name = request.Name }, cancellationToken);
            return request.Description is null || live.Description == request.Description ? live.Arn ?? string.Empty : null;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
