namespace Gitmoxi.LambdaSources.Aws.Scheduler.Model;

// The EventBridge Scheduler error codes the engine handles; any other error is an AwsServiceException with its code.

internal sealed class ResourceNotFoundException(AwsErrorDetails error) : AwsServiceException(error);

internal sealed class ConflictException(AwsErrorDetails error) : AwsServiceException(error);

/// <summary>
/// What a schedule is made of, as <c>CreateSchedule</c> and <c>UpdateSchedule</c> take it and <c>GetSchedule</c> returns
/// it (botocore model scheduler 2021-06-30): only the members the engine declares (no start or end date).
/// </summary>
internal class ScheduleSettings
{
    public string? Description { get; set; }

    public FlexibleTimeWindow? FlexibleTimeWindow { get; set; }

    public string? GroupName { get; set; }

    public string? KmsKeyArn { get; set; }

    public string? ScheduleExpression { get; set; }

    public string? ScheduleExpressionTimezone { get; set; }

    /// <summary><c>ENABLED</c> or <c>DISABLED</c>.</summary>
    public string? State { get; set; }

    public ScheduleTarget? Target { get; set; }
}

internal sealed class FlexibleTimeWindow
{
    /// <summary><c>OFF</c> or <c>FLEXIBLE</c>.</summary>
    public string? Mode { get; set; }

    public int? MaximumWindowInMinutes { get; set; }
}

/// <summary>A schedule's target: for Lambda, the function ARN, the role Scheduler invokes it with, and the payload.</summary>
internal sealed class ScheduleTarget
{
    public string? Arn { get; set; }

    public string? RoleArn { get; set; }

    public string? Input { get; set; }

    public RetryPolicy? RetryPolicy { get; set; }

    public DeadLetterConfig? DeadLetterConfig { get; set; }
}

internal sealed class RetryPolicy
{
    public int? MaximumEventAgeInSeconds { get; set; }

    public int? MaximumRetryAttempts { get; set; }
}

internal sealed class DeadLetterConfig
{
    public string? Arn { get; set; }
}

/// <summary><c>POST /schedules/{Name}</c>; required: Name, FlexibleTimeWindow, ScheduleExpression, Target.</summary>
internal sealed class CreateScheduleRequest : ScheduleSettings
{
    public string? Name { get; set; }
}

internal sealed class CreateScheduleResponse
{
    public string? ScheduleArn { get; set; }
}

/// <summary><c>PUT /schedules/{Name}</c>: a full replace; every member left out takes its default.</summary>
internal sealed class UpdateScheduleRequest : ScheduleSettings
{
    public string? Name { get; set; }
}

internal sealed class UpdateScheduleResponse
{
    public string? ScheduleArn { get; set; }
}

/// <summary><c>GET /schedules/{Name}?groupName=…</c>.</summary>
internal sealed class GetScheduleRequest
{
    public string? Name { get; set; }

    public string? GroupName { get; set; }
}

internal sealed class GetScheduleResponse : ScheduleSettings
{
    public string? Arn { get; set; }

    public string? Name { get; set; }
}

/// <summary><c>DELETE /schedules/{Name}?groupName=…</c>.</summary>
internal sealed class DeleteScheduleRequest
{
    public string? Name { get; set; }

    public string? GroupName { get; set; }
}

internal sealed class DeleteScheduleResponse;

/// <summary><c>GET /schedules?ScheduleGroup=…&amp;NamePrefix=…&amp;MaxResults=…&amp;NextToken=…</c>.</summary>
internal sealed class ListSchedulesRequest
{
    public string? GroupName { get; set; }

    public string? NamePrefix { get; set; }

    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }
}

internal sealed class ListSchedulesResponse
{
    public List<ScheduleSummary>? Schedules { get; set; }

    public string? NextToken { get; set; }
}

/// <summary>One schedule of a listing: its name, group and target ARN only.</summary>
internal sealed class ScheduleSummary
{
    public string? Arn { get; set; }

    public string? Name { get; set; }

    public string? GroupName { get; set; }

    public string? State { get; set; }

    public ScheduleTarget? Target { get; set; }
}

/// <summary><c>GET /schedule-groups/{Name}</c>.</summary>
internal sealed class GetScheduleGroupRequest
{
    public string? Name { get; set; }
}

internal sealed class GetScheduleGroupResponse
{
    public string? Arn { get; set; }

    public string? Name { get; set; }

    public string? State { get; set; }
}
