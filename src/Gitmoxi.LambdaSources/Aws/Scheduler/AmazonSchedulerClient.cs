using Gitmoxi.LambdaSources.Aws.Scheduler.Model;

namespace Gitmoxi.LambdaSources.Aws.Scheduler;

/// <summary>
/// EventBridge Scheduler's REST-JSON API over <see cref="RestJsonProtocol"/>, signed as <c>scheduler</c>. Methods, URIs
/// and member names follow the botocore <c>scheduler</c> model (2021-06-30); names as AWSSDK.Scheduler's
/// <c>AmazonSchedulerClient</c>.
/// </summary>
internal sealed class AmazonSchedulerClient
{
    private const string Schedule = "/schedules/{Name}";

    /// <summary>Idempotent in the model (with a client token): a repeat after success answers ConflictException.</summary>
    private static readonly RestJsonOperation CreateSchedule = new("CreateSchedule", HttpMethod.Post, Schedule, false);
    private static readonly RestJsonOperation GetSchedule = new("GetSchedule", HttpMethod.Get, Schedule, true);

    /// <summary>A full replace with the same members: repeating it leaves the same schedule.</summary>
    private static readonly RestJsonOperation UpdateSchedule = new("UpdateSchedule", HttpMethod.Put, Schedule, true);

    /// <summary>A repeated delete answers "not found" for a delete that worked.</summary>
    private static readonly RestJsonOperation DeleteSchedule = new("DeleteSchedule", HttpMethod.Delete, Schedule, false);
    private static readonly RestJsonOperation ListSchedules = new("ListSchedules", HttpMethod.Get, "/schedules", true);
    private static readonly RestJsonOperation GetScheduleGroup = new("GetScheduleGroup", HttpMethod.Get, "/schedule-groups/{Name}", true);

    private static readonly SchedulerJsonContext Json = SchedulerJsonContext.Default;

    private readonly RestJsonProtocol _rest;

    public AmazonSchedulerClient(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
    {
        var errors = AwsServiceException.Factory(
            (nameof(ResourceNotFoundException), e => new ResourceNotFoundException(e)),
            (nameof(ConflictException), e => new ConflictException(e)));
        _rest = new RestJsonProtocol(new AwsRequestSender(httpClient, settings, AwsService.Scheduler, errors, timeProvider, random, logger));
    }

    public Task<CreateScheduleResponse> CreateScheduleAsync(CreateScheduleRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(CreateSchedule, request, [("Name", request?.Name)], [], Json.CreateScheduleRequest, Json.CreateScheduleResponse, cancellationToken);

    public Task<GetScheduleResponse> GetScheduleAsync(GetScheduleRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(GetSchedule, request, [("Name", request?.Name)], [("groupName", request?.GroupName)], null, Json.GetScheduleResponse, cancellationToken);

    public Task<UpdateScheduleResponse> UpdateScheduleAsync(UpdateScheduleRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(UpdateSchedule, request, [("Name", request?.Name)], [], Json.UpdateScheduleRequest, Json.UpdateScheduleResponse, cancellationToken);

    public Task<DeleteScheduleResponse> DeleteScheduleAsync(DeleteScheduleRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync<DeleteScheduleRequest, DeleteScheduleResponse>(
            DeleteSchedule, request, [("Name", request?.Name)], [("groupName", request?.GroupName)], null, null, cancellationToken);

    public Task<ListSchedulesResponse> ListSchedulesAsync(ListSchedulesRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(
            ListSchedules,
            request,
            [],
            [("ScheduleGroup", request?.GroupName), ("NamePrefix", request?.NamePrefix),
             ("MaxResults", request?.MaxResults?.ToString(CultureInfo.InvariantCulture)), ("NextToken", request?.NextToken)],
            null,
            Json.ListSchedulesResponse,
            cancellationToken);

    public Task<GetScheduleGroupResponse> GetScheduleGroupAsync(GetScheduleGroupRequest request, CancellationToken cancellationToken = default) =>
        _rest.SendAsync(GetScheduleGroup, request, [("Name", request?.Name)], [], null, Json.GetScheduleGroupResponse, cancellationToken);

    /// <summary>Every schedule of every page (<c>ListSchedules</c> following <c>NextToken</c>).</summary>
    public IAsyncEnumerable<ScheduleSummary> ListAllSchedules(ListSchedulesRequest request) => AwsPaging.AllAsync(
        async (token, ct) =>
        {
            var page = await ListSchedulesAsync(new() { GroupName = request.GroupName, NamePrefix = request.NamePrefix, MaxResults = request.MaxResults, NextToken = token }, ct);
            return (page.Schedules, page.NextToken);
        },
        request?.NextToken);
}
