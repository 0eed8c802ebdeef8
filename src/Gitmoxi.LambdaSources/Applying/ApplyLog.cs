using Gitmoxi.LambdaSources.Planning;
using Microsoft.Extensions.Logging;

namespace Gitmoxi.LambdaSources.Applying;

/// <summary>The progress lines planning and apply write: one per change applied, one per turn of every wait.</summary>
internal static partial class ApplyLog
{
    public static void Applied(ILogger logger, PlannedChange change, string? resultId, bool failed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var outcome = failed ? "failed" : Done(change.Action) + (resultId is null ? "" : " " + resultId);
            var symbol = Symbol(change.Action);
            LogApplied(logger, symbol, change.Address, outcome);
        }
    }

    public static void WaitingForMapping(ILogger logger, string uuid, string goal, string observed, TimeSpan elapsed, TimeSpan timeout)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogWaitingForMapping(logger, uuid, goal, observed, elapsed.TotalSeconds, timeout.TotalSeconds);
        }
    }

    public static void WaitingForPermission(ILogger logger, string target, TimeSpan elapsed, TimeSpan timeout)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            LogWaitingForPermission(logger, target, elapsed.TotalSeconds, timeout.TotalSeconds);
        }
    }

    public static void Planned(ILogger logger, FunctionPlan plan)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var changes = plan.Changes.Count(c => c.Operation is not null);
            LogPlanned(logger, plan.FunctionArn, changes, plan.Drift.Count);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Event source mapping {Uuid} is busy with another operation (ResourceInUse); waiting for it to settle")]
    public static partial void MappingInUse(ILogger logger, string uuid);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Statement {StatementId} was already gone")]
    public static partial void StatementGone(ILogger logger, string statementId);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Symbol} {Address}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, string symbol, string address, string outcome);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Waiting for event source mapping {Uuid} to {Goal}, {Observed} ({Elapsed:0}s of {Timeout:0}s)")]
    private static partial void LogWaitingForMapping(ILogger logger, string uuid, string goal, string observed, double elapsed, double timeout);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Waiting for the permission of {Target} to reach Elastic Load Balancing ({Elapsed:0}s of {Timeout:0}s)")]
    private static partial void LogWaitingForPermission(ILogger logger, string target, double elapsed, double timeout);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Planned {Function}: {Changes} changes, {Drift} drifted")]
    private static partial void LogPlanned(ILogger logger, string function, int changes, int drift);

    private static string Done(ChangeAction action) => action switch
    {
        ChangeAction.Create => "created",
        ChangeAction.Update => "updated",
        ChangeAction.Replace => "replaced",
        _ => "deleted",
    };

    private static string Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => "+",
        ChangeAction.Update => "~",
        ChangeAction.Replace => "-/+",
        ChangeAction.Delete => "-",
        _ => "=",
    };
}
