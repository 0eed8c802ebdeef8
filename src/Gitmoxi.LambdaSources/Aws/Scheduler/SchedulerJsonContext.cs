using Gitmoxi.LambdaSources.Aws.Scheduler.Model;

namespace Gitmoxi.LambdaSources.Aws.Scheduler;

/// <summary>
/// Source-generated JSON for the EventBridge Scheduler wire types: its REST-JSON protocol names members as the model
/// does (<c>ScheduleExpression</c>, <c>NextToken</c>). Null members are not written: a member left out takes its default.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateScheduleRequest))]
[JsonSerializable(typeof(CreateScheduleResponse))]
[JsonSerializable(typeof(UpdateScheduleRequest))]
[JsonSerializable(typeof(UpdateScheduleResponse))]
[JsonSerializable(typeof(GetScheduleResponse))]
[JsonSerializable(typeof(ListSchedulesResponse))]
[JsonSerializable(typeof(GetScheduleGroupResponse))]
internal sealed partial class SchedulerJsonContext : JsonSerializerContext;
