using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions.PushKinds;

/// <summary>
/// An EventBridge Scheduler schedule that invokes the function: the native <c>CreateSchedule</c> members the file
/// declares, except <c>Target.Arn</c> (the tool fills in the qualified function ARN).
/// </summary>
/// <param name="GroupName">The declared group, or <c>default</c>.</param>
/// <param name="Members">The declared members by their API names, without <c>Service</c>, <c>Name</c> and <c>GroupName</c>.</param>
internal sealed record SchedulePushSource(string Name, string GroupName, JsonObject Members, SourceSpan Span) : PushSource(Span)
{
    public const string DefaultGroup = "default";
}

/// <summary>Checks a <c>scheduler.amazonaws.com</c> push source against the <c>CreateSchedule</c> model (botocore scheduler 2021-06-30).</summary>
internal sealed partial class ScheduleSourceValidator(ValidationContext context)
{
    public const string Service = "scheduler.amazonaws.com";

    /// <summary>
    /// The room a declared <c>Description</c> leaves for the ownership marker (a line break and
    /// <c>Created by gitmoxi-lambda-sources [8 hex digits]</c>, 45 characters) within the model's 512.
    /// </summary>
    public const int MaxDescriptionLength = 512 - 45;

    private const string NamePattern = "[0-9a-zA-Z-_.]+";
    private static readonly string[] Units = ["minute", "minutes", "hour", "hours", "day", "days"];

    /// <summary>The members a schedule may declare: <c>CreateSchedule</c>'s, less start and end dates, client token and ActionAfterCompletion.</summary>
    public static StructureShape Shape { get; } = new(
    [
        new("Service", new StringShape(Enum: [Service])),
        new("Name", new StringShape(1, 64, NamePattern)),
        new("GroupName", new StringShape(1, 64, NamePattern)),
        new("ScheduleExpression", new StringShape(1, 256)),
        new("ScheduleExpressionTimezone", new StringShape(1, 50)),
        new("FlexibleTimeWindow", new StructureShape(
        [
            new("Mode", new StringShape(Enum: ["OFF", "FLEXIBLE"])),
            new("MaximumWindowInMinutes", new IntegerShape(1, 1440)),
        ])),
        new("Target", new StructureShape(
        [
            new("Arn", new StringShape(1, 1600)),
            new("RoleArn", new StringShape(1, 1600, @"arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@\/-]+", Format: StringFormat.Arn)),
            new("Input", new StringShape(1)),
            new("RetryPolicy", new StructureShape(
            [
                new("MaximumEventAgeInSeconds", new IntegerShape(60, 86400)),
                new("MaximumRetryAttempts", new IntegerShape(0, 185)),
            ])),
            new("DeadLetterConfig", new StructureShape(
            [
                new("Arn", new StringShape(1, 1600, @"arn:aws(-[a-z]+)?:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+", Format: StringFormat.Arn)),
            ])),
        ])),
        new("Description", new StringShape(0, MaxDescriptionLength)),
        new("State", new StringShape(Enum: ["ENABLED", "DISABLED"])),
        new("KmsKeyArn", new StringShape(1, 2048, @"arn:aws(-[a-z]+)?:kms:[a-z0-9\-]+:\d{12}:(key|alias)\/[0-9a-zA-Z-_]*", Format: StringFormat.Arn)),
    ]);

    [GeneratedRegex(@"^at\((?<date>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})\)\z", RegexOptions.CultureInvariant)]
    private static partial Regex At();

    [GeneratedRegex(@"^rate\((?<value>[^ )]*) (?<unit>[^ )]*)\)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rate();

    [GeneratedRegex(@"^cron\((?<fields>[^)]*)\)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Cron();

    [GeneratedRegex(@"^[0-9A-Za-z,\-*/?LW#]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex CronField();

    public SchedulePushSource? Validate(SourceObject obj, string path)
    {
        var valid = ShapeValidator.ValidateStructure(obj, Shape, path, context);
        foreach (var member in new[] { "Name", "ScheduleExpression", "FlexibleTimeWindow", "Target" })
        {
            if (obj.Find(member) is null)
            {
                context.MissingRequired(path, member, obj.Position);
                valid = false;
            }
        }

        if (obj.Find("FlexibleTimeWindow")?.Value is SourceObject window)
        {
            valid &= CheckWindow(window, $"{path}.FlexibleTimeWindow");
        }

        if (obj.Find("Target")?.Value is SourceObject target)
        {
            if (target.Find("RoleArn") is null)
            {
                context.MissingRequired($"{path}.Target", "RoleArn", target.Position);
                valid = false;
            }

            if (target.Find("Arn") is { } arn)
            {
                context.Error(DiagnosticCodes.ScheduleTargetArnDeclared,
                    $"{path}.Target.Arn is filled in by the tool with the function's qualified ARN; remove it.", arn.NamePosition);
                valid = false;
            }
        }

        if (obj.Find("ScheduleExpression")?.Value is SourceString expression && ExpressionProblem(expression.Value) is { } problem)
        {
            context.Error(DiagnosticCodes.InvalidScheduleExpression,
                $"{path}.ScheduleExpression '{expression.Value}' is not a schedule expression: {problem}.", expression.Position);
            valid = false;
        }

        if (!valid || obj.Find("Name")?.Value is not SourceString name)
        {
            return null;
        }

        var members = new JsonObject();
        foreach (var property in obj.Properties.Where(p => p.Name is not ("Service" or "Name" or "GroupName")))
        {
            members[property.Name] = SourceNodeConversion.ToJsonNode(property.Value);
        }

        var group = (obj.Find("GroupName")?.Value as SourceString)?.Value ?? SchedulePushSource.DefaultGroup;
        return new SchedulePushSource(name.Value, group, members, context.Span(obj.Position));
    }

    /// <summary>
    /// Why <paramref name="expression"/> is not an EventBridge Scheduler expression, or null when it is one
    /// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
    /// </summary>
    public static string? ExpressionProblem(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.StartsWith("at(", StringComparison.Ordinal))
        {
            return At().Match(expression) is { Success: true } at
                && DateTime.TryParseExact(at.Groups["date"].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null
                : "at(yyyy-mm-ddThh:mm:ss) takes one date and time, e.g. at(2026-11-20T13:00:00)";
        }

        if (expression.StartsWith("rate(", StringComparison.Ordinal))
        {
            const string Rule = "rate(value unit) takes a positive integer and minute, minutes, hour, hours, day or days";
            if (Rate().Match(expression) is not { Success: true } rate)
            {
                return Rule + ", separated by one space";
            }

            var value = rate.Groups["value"].Value;
            var unit = rate.Groups["unit"].Value;
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                return $"{Rule}; '{value}' is not a positive integer";
            }

            // The unit's number follows the value's: rate(1 minute), rate(5 minutes).
            return Units.Contains(unit, StringComparer.Ordinal)
                ? null
                : $"{Rule}{(KeySuggestion.Find(unit, [.. Units.Where(u => u.EndsWith('s') == (count != 1))]) is { } meant ? $" (did you mean 'rate({value} {meant})'?)" : string.Empty)}";
        }

        if (expression.StartsWith("cron(", StringComparison.Ordinal))
        {
            const string Rule = "cron(minutes hours day-of-month month day-of-week year) takes six fields separated by spaces";
            if (Cron().Match(expression) is not { Success: true } cron)
            {
                return Rule;
            }

            var fields = cron.Groups["fields"].Value.Split(' ');
            if (fields.Length != 6 || fields.Any(f => !CronField().IsMatch(f)))
            {
                return $"{Rule}, each of digits, names and , - * / ? L W #";
            }

            return (fields[2] == "?") != (fields[4] == "?")
                ? null
                : $"{Rule}, and exactly one of day-of-month and day-of-week must be '?'";
        }

        var hint = KeySuggestion.Find(expression.Split('(')[0], ["at", "rate", "cron"]) is { } kind && expression.Contains('(', StringComparison.Ordinal)
            ? $" (did you mean '{kind}({expression.Split('(', 2)[1]}'?)"
            : string.Empty;
        return $"it must be at(…), rate(…) or cron(…){hint}";
    }

    private bool CheckWindow(SourceObject window, string path)
    {
        var mode = (window.Find("Mode")?.Value as SourceString)?.Value;
        var maximum = window.Find("MaximumWindowInMinutes");
        if (window.Find("Mode") is null)
        {
            context.MissingRequired(path, "Mode", window.Position);
            return false;
        }

        if (mode == "FLEXIBLE" && maximum is null)
        {
            context.Error(DiagnosticCodes.FlexibleWindowMismatch, $"{path}.MaximumWindowInMinutes is required when Mode is FLEXIBLE (1 to 1440).", window.Position);
            return false;
        }

        if (mode == "OFF" && maximum is not null)
        {
            context.Error(DiagnosticCodes.FlexibleWindowMismatch, $"{path}.MaximumWindowInMinutes applies only when Mode is FLEXIBLE; remove it.", maximum.NamePosition);
            return false;
        }

        return true;
    }
}
