using Gitmoxi.LambdaSources.Aws.Scheduler;
using Gitmoxi.LambdaSources.Aws.Scheduler.Model;
using Gitmoxi.LambdaSources.Definitions.PushKinds;

namespace Gitmoxi.LambdaSources.Providers.Schedule;

/// <summary>
/// Diffs one function's declared schedules against the live ones. Pure. Schedules carry no tags: the owner record is
/// the last line of the schedule's <c>Description</c>, <c>Created by gitmoxi-lambda-sources [repository hash]</c>
/// (after the declared description, if any). Only a schedule with this repository's marker is ever updated or
/// deleted; a declared schedule that exists without it is adopted only when it is exactly as declared, and otherwise
/// refused (GMX6253), as Terraform refuses to create what exists until it is imported.
/// </summary>
internal static class ScheduleDiff
{
    /// <summary>AWS's values for members a schedule leaves out (CreateSchedule API reference).</summary>
    private static readonly (string Member, JsonNode Value)[] Defaults =
    [
        ("State", JsonValue.Create("ENABLED")),
        ("ScheduleExpressionTimezone", JsonValue.Create("UTC")),
    ];

    /// <summary>The members compared and shown, in the order of the CreateSchedule request.</summary>
    private static readonly string[] Members =
        ["Description", "FlexibleTimeWindow", "KmsKeyArn", "ScheduleExpression", "ScheduleExpressionTimezone", "State", "Target"];

    public static string Key(string group, string name) => group + "/" + name;

    public static (string Group, string Name) SplitKey(string key) => key.Split('/', 2) is [var group, var name] ? (group, name) : (SchedulePushSource.DefaultGroup, key);

    public static string Address(string group, string name) => $"schedule scheduler:{group}/{name}";

    /// <summary>This repository's marker, the last line of the description of every schedule it creates.</summary>
    public static string Marker(OwnerIdentity owner) => RouteIntegration.RouteDiff.Marker(owner);

    /// <summary>The live settings compared with the declared ones: the members of <see cref="Members"/>, AWS's defaults filled in.</summary>
    public static JsonObject Settings(GetScheduleResponse schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var body = JsonSerializer.SerializeToNode(schedule, SchedulerJsonContext.Default.GetScheduleResponse)!.AsObject();
        return Normalized(body);
    }

    public static WiringPlan Plan(PlanTarget target, ScheduleLive live)
    {
        var plan = new WiringPlanBuilder();
        foreach (var source in target.Function.PushSources.OfType<SchedulePushSource>())
        {
            var address = Address(source.GroupName, source.Name);
            if (!live.Groups.TryGetValue(source.GroupName, out var exists) || !exists)
            {
                plan.Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ScheduleGroupNotFound,
                    $"The schedule group '{source.GroupName}' does not exist: create it (aws scheduler create-schedule-group --name {source.GroupName}) before declaring schedules in it.",
                    source.Span));
                continue;
            }

            var request = Request(target, source);
            var desired = Normalized(request);
            var current = live.Declared.GetValueOrDefault(Key(source.GroupName, source.Name));
            if (current is null)
            {
                plan.Changes.Add(new PlannedChange(
                    ChangeAction.Create, ResourceKind.Schedule, address, null, new CreateSchedule(request),
                    Fields(null, desired), ["Scheduler invokes the function with the schedule's execution role (Target.RoleArn): no Lambda permission is added"], source.Span));
                continue;
            }

            var description = Text(current.Settings["Description"]);
            var differing = Members.Where(m => !CanonicalJson.AreEqual(current.Settings[m], desired[m])).ToList();
            if (IsOwned(description, target.Owner))
            {
                plan.Changes.Add(differing.Count == 0
                    ? new PlannedChange(ChangeAction.NoOp, ResourceKind.Schedule, address, null, null, [], [], source.Span)
                    : new PlannedChange(
                        ChangeAction.Update, ResourceKind.Schedule, address, null, new ReplaceSchedule(request),
                        Fields(current.Settings, desired), ["UpdateSchedule replaces the whole schedule: every member is sent"], source.Span));
                continue;
            }

            var foreignMarker = description is not null && description.Contains(RouteIntegration.RouteDiff.LegacyMarker + " [", StringComparison.Ordinal);
            if (!foreignMarker && differing.All(m => m == "Description"))
            {
                plan.Changes.Add(new PlannedChange(
                    ChangeAction.Update, ResourceKind.Schedule, address, null, new ReplaceSchedule(request),
                    Fields(current.Settings, desired),
                    ["adopts a schedule made outside this repository that is exactly as declared: the update writes this repository's marker into its Description"],
                    source.Span));
                continue;
            }

            var who = foreignMarker ? "was created by another repository (its Description carries another repository's marker)" : "was not created by this repository (no marker in its Description)";
            plan.Diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ScheduleNotOwned,
                $"The schedule {Key(source.GroupName, source.Name)} exists and {who}; it differs in {string.Join(", ", differing.Where(m => m != "Description"))}: "
                + "delete it, rename the declared schedule, or declare it exactly as it is to adopt it.",
                source.Span));
        }

        foreach (var other in live.Others.Where(o => IsOwned(Text(o.Settings["Description"]), target.Owner)))
        {
            var address = Address(other.GroupName, other.Name);
            var fields = Fields(other.Settings, null);
            if (target.Prune)
            {
                plan.Changes.Add(new PlannedChange(
                    ChangeAction.Delete, ResourceKind.Schedule, address, null, new DeleteSchedule(other.GroupName, other.Name),
                    fields, ["created by gitmoxi and no longer declared; prune is on"], null));
            }
            else
            {
                plan.Drift.Add(new DriftObservation(ResourceKind.Schedule, address, null, "created by gitmoxi and no longer declared; prune is off", fields));
            }
        }

        return plan.Build();
    }

    /// <summary>The full <c>CreateSchedule</c>/<c>UpdateSchedule</c> body: the declared members, the qualified function as target, the marker, the defaults.</summary>
    public static JsonObject Request(PlanTarget target, SchedulePushSource source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        var request = (JsonObject)source.Members.DeepClone();
        request["Name"] = source.Name;
        request["GroupName"] = source.GroupName;
        var marker = Marker(target.Owner);
        request["Description"] = Text(request["Description"]) is { Length: > 0 } declared ? declared + "\n" + marker : marker;
        var targetMember = request["Target"] as JsonObject ?? [];
        targetMember["Arn"] = target.QualifiedArn;
        request["Target"] = targetMember;
        foreach (var (member, value) in Defaults)
        {
            request[member] ??= value.DeepClone();
        }

        return request;
    }

    private static bool IsOwned(string? description, OwnerIdentity owner) =>
        description is not null && (description == Marker(owner) || description.EndsWith("\n" + Marker(owner), StringComparison.Ordinal));

    /// <summary>The compared members only, with AWS's defaults for those left out (a retry policy left out is AWS's 185 attempts over 24 hours).</summary>
    private static JsonObject Normalized(JsonObject body)
    {
        var settings = new JsonObject();
        foreach (var member in Members)
        {
            if (body[member] is { } value)
            {
                settings[member] = value.DeepClone();
            }
        }

        foreach (var (member, value) in Defaults)
        {
            settings[member] ??= value.DeepClone();
        }

        if (settings["Target"] is JsonObject targetMember)
        {
            targetMember["RetryPolicy"] ??= new JsonObject { ["MaximumEventAgeInSeconds"] = 86400, ["MaximumRetryAttempts"] = 185 };
        }

        return settings;
    }

    private static List<FieldDiff> Fields(JsonObject? before, JsonObject? after) =>
        [.. Members
            .Select(m => (Member: m, Before: CanonicalJson.ForDisplay(before?[m]), After: CanonicalJson.ForDisplay(after?[m])))
            .Where(f => f.Before != f.After)
            .Select(f => new FieldDiff(f.Member, f.Before, f.After))];

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
