namespace Gitmoxi.LambdaSources;

/// <summary>Codes for problems found while reading live state and applying (GMX4xxx plan, GMX5xxx apply).</summary>
public static class EngineDiagnosticCodes
{
    /// <summary>The function or its alias does not exist.</summary>
    public const string FunctionNotFound = "GMX4001";

    /// <summary>AWS refused a read needed for the plan.</summary>
    public const string ReadFailed = "GMX4002";

    /// <summary>A saved plan cannot be read, or the files or live state moved since it was made.</summary>
    public const string StalePlan = "GMX4003";

    /// <summary>
    /// A plan scoped to a change cannot tell what changed: the checkout's git history lacks the base commit or the
    /// merge base (a shallow clone). Raised before any AWS call; the message names the fetch-depth needed.
    /// </summary>
    public const string HistoryTooShallow = "GMX4020";

    /// <summary>A plan scoped to a change was asked for where git is not installed; every group is planned instead (warning).</summary>
    public const string GitUnavailable = "GMX4021";

    /// <summary>A change failed during apply.</summary>
    public const string ChangeFailed = "GMX5001";

    /// <summary>The target group is in another account or region than the function.</summary>
    public const string TargetGroupElsewhere = "GMX4010";

    /// <summary>The target group does not exist.</summary>
    public const string TargetGroupNotFound = "GMX4011";

    /// <summary>The target group's target type is not <c>lambda</c>.</summary>
    public const string TargetGroupNotLambda = "GMX4012";

    /// <summary>Another function is registered in the target group (a Lambda group takes one); it is never replaced.</summary>
    public const string TargetGroupTaken = "GMX4013";

    /// <summary>The API does not exist, or is not an HTTP API.</summary>
    public const string ApiNotFound = "GMX4014";

    /// <summary>The route does not exist in the API.</summary>
    public const string RouteNotFound = "GMX4015";

    /// <summary>No stage of the API sets the stage variable the integration URI names (warning).</summary>
    public const string StageVariableUnset = "GMX4016";

    /// <summary>A stage sets the stage variable to an alias the function does not have (warning).</summary>
    public const string StageAliasNotFound = "GMX4017";

    /// <summary>The function's resource policy would exceed its size limit.</summary>
    public const string PolicyTooLarge = "GMX5003";
}
