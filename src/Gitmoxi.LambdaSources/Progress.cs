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

    [LoggerMessage(4, LogLevel.Information, "Plan: {Totals}")]
    public static partial void Planned(ILogger logger, string totals);

    [LoggerMessage(5, LogLevel.Information, "Saved the plan to {PlanFile}")]
    public static partial void SavedPlan(ILogger logger, string planFile);

    [LoggerMessage(6, LogLevel.Information, "The saved plan {PlanFile} is what planning now gives; applying it")]
    public static partial void SavedPlanCurrent(ILogger logger, string planFile);

    [LoggerMessage(11, LogLevel.Information, "{Status}")]
    public static partial void ApplyDone(ILogger logger, string status);

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
        if (logger.IsEnabled(LogLevel.Information))
        {
            var function = plan.Qualifier is null ? plan.FunctionName : $"{plan.FunctionName}:{plan.Qualifier}";
            var changes = plan.Changes.Count(c => c.Operation is not null);
            var drift = plan.Drift.Count;
            LogPlanned(logger, function, changes, drift);
        }
    }

    /// <summary>Said as a change starts, so a long wait inside it is seen against the change it belongs to.</summary>
    public static void Applying(ILogger logger, PlannedChange change)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var symbol = Symbol(change.Action);
            var address = change.Address;
            LogApplying(logger, symbol, address);
        }
    }

    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Route {RouteId} of API {ApiId} already targets integration {IntegrationId}, equivalent and attached by another apply; adopting it")]
    public static partial void IntegrationAdopted(ILogger logger, string routeId, string apiId, string integrationId);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Deleting integration {IntegrationId} of API {ApiId}: created by this repository for this function and used by no route (left by a racing apply)")]
    public static partial void DeletingDuplicateIntegration(ILogger logger, string integrationId, string apiId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Event source mapping {Uuid} was created by a racing apply of this same definition, with the same settings and tags; adopting it")]
    public static partial void MappingAdopted(ILogger logger, string uuid);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Integration {IntegrationId} of API {ApiId} is used by a route now; it is kept")]
    public static partial void IntegrationKept(ILogger logger, string integrationId, string apiId);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Event source mapping {Uuid} is busy with another operation (ResourceInUse); waiting for it to settle")]
    public static partial void MappingInUse(ILogger logger, string uuid);

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Assumed {RoleArn} for the account {Account}")]
    public static partial void AssumedRole(ILogger logger, string roleArn, string account);

    [LoggerMessage(EventId = 25, Level = LogLevel.Debug, Message = "Statement {StatementId} was already gone")]
    public static partial void StatementGone(ILogger logger, string statementId);

    /// <summary>How the run reads its event source mappings, and why (<c>MappingListingRule</c>); described only when logged.</summary>
    public static void MappingListing(ILogger logger, Func<(string Strategy, string Reason)> describe)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var (strategy, reason) = describe();
            LogMappingListing(logger, strategy, reason);
        }
    }

    [LoggerMessage(EventId = 28, Level = LogLevel.Information, Message = "Reading event source mappings through {Strategy}: {Reason}")]
    private static partial void LogMappingListing(ILogger logger, string strategy, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "{Symbol} {Address}: {Outcome}")]
    private static partial void LogApplied(ILogger logger, string symbol, string address, string outcome);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Waiting for event source mapping {Uuid} to {Goal}, {Observed} ({Elapsed:0}s of {Timeout:0}s)")]
    private static partial void LogWaitingForMapping(ILogger logger, string uuid, string goal, string observed, double elapsed, double timeout);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Waiting for the permission of {Target} to reach Elastic Load Balancing ({Elapsed:0}s of {Timeout:0}s)")]
    private static partial void LogWaitingForPermission(ILogger logger, string target, double elapsed, double timeout);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information, Message = "Planned function {Function} ({Changes} change(s), {Drift} drifted)")]
    private static partial void LogPlanned(ILogger logger, string function, int changes, int drift);

    [LoggerMessage(EventId = 27, Level = LogLevel.Information, Message = "Applying {Symbol} {Address}")]
    private static partial void LogApplying(ILogger logger, string symbol, string address);

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
