using Microsoft.Extensions.Logging;

namespace Gitmoxi.LambdaSources;

/// <summary>
/// What the engine says while it works, through the host's <see cref="ILogger"/>: each phase is a logger scope (the
/// Action shows one as a collapsible log group), each step an Information message. Hosts show these as they come;
/// they are progress only: the outcome and its diagnostics are the record of the run.
/// </summary>
internal static partial class Progress
{
    [LoggerMessage(1, LogLevel.Information, "Reading {Count} definition file(s) under {Path}")]
    public static partial void ReadingDefinitions(ILogger logger, int count, string path);

    [LoggerMessage(2, LogLevel.Information, "Read {Functions} function(s): {Errors} error(s), {Warnings} warning(s)")]
    public static partial void ReadDefinitions(ILogger logger, int functions, int errors, int warnings);

    [LoggerMessage(3, LogLevel.Information, "Planned function {Function} ({Changes} change(s))")]
    public static partial void PlannedFunction(ILogger logger, string function, int changes);

    [LoggerMessage(4, LogLevel.Information, "Plan: {Totals}")]
    public static partial void Planned(ILogger logger, string totals);

    [LoggerMessage(5, LogLevel.Information, "Saved the plan to {PlanFile}")]
    public static partial void SavedPlan(ILogger logger, string planFile);

    [LoggerMessage(6, LogLevel.Information, "The saved plan {PlanFile} is what planning now gives; applying it")]
    public static partial void SavedPlanCurrent(ILogger logger, string planFile);

    [LoggerMessage(7, LogLevel.Information, "Applying {Action} {Address}")]
    public static partial void Applying(ILogger logger, string action, string address);

    [LoggerMessage(8, LogLevel.Information, "Applied {Action} {Address}")]
    public static partial void Applied(ILogger logger, string action, string address);

    [LoggerMessage(9, LogLevel.Warning, "Failed to {Action} {Address}: {Error}")]
    public static partial void ApplyFailed(ILogger logger, string action, string address, string error);

    [LoggerMessage(10, LogLevel.Information, "Waiting for event source mapping {Uuid} to settle ({Elapsed:0}s of {Timeout:0}s, last seen: {Observed})")]
    public static partial void WaitingForMapping(ILogger logger, string uuid, double elapsed, double timeout, string observed);

    [LoggerMessage(11, LogLevel.Information, "{Status}")]
    public static partial void ApplyDone(ILogger logger, string status);
}
