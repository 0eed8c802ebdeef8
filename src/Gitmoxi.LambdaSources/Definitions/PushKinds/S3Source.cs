using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions.Json;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// An S3 bucket notification: one <c>LambdaFunctionConfiguration</c> on <see cref="Bucket"/>, with the native members
/// <c>Events</c> and <c>Filter.Key.FilterRules</c>. The tool names the configuration (<c>Id</c>) and fills in
/// <c>LambdaFunctionArn</c>; the file writes neither.
/// </summary>
/// <param name="FilterRules">Lower-case names (<c>prefix</c>, <c>suffix</c>), in file order.</param>
internal sealed record S3PushSource(string Bucket, IReadOnlyList<string> Events, IReadOnlyList<(string Name, string Value)> FilterRules, SourceSpan Span)
    : PushSource(Span)
{
    /// <summary>What tells two of one function's configurations on one bucket apart: the objects they match.</summary>
    public string FilterKey => string.Join("\n", FilterRules.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Name + "=" + r.Value));
}

/// <summary>The S3 part of the definition file's checks: <c>s3.amazonaws.com</c> entries of <c>PushEventSources</c>.</summary>
internal sealed partial class EventSourceFileValidator
{
    public const string S3Service = "s3.amazonaws.com";

    private static readonly string[] S3Keys = ["Service", "Bucket", "Events", "Filter"];

    /// <summary>
    /// The event types a notification configuration takes (botocore's <c>Event</c> enum of the S3 model;
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html).
    /// </summary>
    internal static readonly string[] S3EventTypes =
    [
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
        "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
        "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
        "s3:ReducedRedundancyLostObject",
        "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
        "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
        "s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ObjectAcl:Put",
        "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
        "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
    ];

    private static readonly string[] FilterRuleNames = ["prefix", "suffix"];

    /// <summary>https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets).</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^.+\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AnyText();

    private S3PushSource? ValidateS3(SourceObject obj, string path)
    {
        foreach (var property in obj.Properties.Where(p => !S3Keys.Contains(p.Name, StringComparer.Ordinal)))
        {
            var why = property.Name is "Id" or "LambdaFunctionArn"
                ? $" (the tool names the configuration gitmoxi-… and fills in the function ARN; {S3Service} sources take {string.Join(", ", S3Keys)})"
                : null;
            context.UnknownKey(property, path, S3Keys, why);
        }

        var bucket = RequiredString(obj, path, "Bucket", BucketName(), DiagnosticCodes.PatternMismatch,
            "is not an S3 bucket name (3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit)");
        var events = S3Events(obj, path);
        var rules = S3FilterRules(obj, path);
        return bucket is null || events is null || rules is null ? null : new S3PushSource(bucket, events, rules, context.Span(obj.Position));
    }

    private List<string>? S3Events(SourceObject obj, string path)
    {
        switch (obj.Find("Events")?.Value)
        {
            case null:
                context.MissingRequired(path, "Events", obj.Position);
                return null;
            case SourceUnresolved:
                return null;
            case SourceArray { Items.Count: 0 } empty:
                context.Error(DiagnosticCodes.LengthOutOfRange, $"{path}.Events must name at least one event type, e.g. s3:ObjectCreated:*.", empty.Position);
                return null;
            case SourceArray array:
                var events = new List<string>();
                var valid = true;
                for (var i = 0; i < array.Items.Count; i++)
                {
                    var itemPath = $"{path}.Events[{i.ToString(CultureInfo.InvariantCulture)}]";
                    if (CheckString(array.Items[i], itemPath, AnyText(), DiagnosticCodes.PatternMismatch, "is empty") is not { } name)
                    {
                        valid = false;
                    }
                    else if (!S3EventTypes.Contains(name, StringComparer.Ordinal))
                    {
                        var suggestion = KeySuggestion.Find(name, S3EventTypes);
                        context.Error(DiagnosticCodes.S3UnknownEventType,
                            $"{itemPath} '{name}' is not an S3 event type{(suggestion is null ? "; e.g. s3:ObjectCreated:*, s3:ObjectRemoved:*" : $"; did you mean '{suggestion}'?")}",
                            array.Items[i].Position);
                        valid = false;
                    }
                    else if (events.Contains(name, StringComparer.Ordinal))
                    {
                        context.Error(DiagnosticCodes.S3UnknownEventType, $"{itemPath} '{name}' is listed twice.", array.Items[i].Position);
                        valid = false;
                    }
                    else
                    {
                        events.Add(name);
                    }
                }

                return valid ? events : null;
            case var other:
                context.WrongType(other, $"{path}.Events", "an array of S3 event types");
                return null;
        }
    }

    /// <summary><c>Filter</c> → <c>Key</c> → <c>FilterRules</c>: at most one <c>prefix</c> and one <c>suffix</c> (S3 refuses more).</summary>
    private List<(string Name, string Value)>? S3FilterRules(SourceObject obj, string path)
    {
        if (obj.Find("Filter")?.Value is not { } filter)
        {
            return [];
        }

        var filterPath = $"{path}.Filter";
        if (filter is SourceUnresolved || Member(filter, filterPath, "Key", ["Key"]) is not { } key)
        {
            return null;
        }

        var keyPath = $"{filterPath}.Key";
        if (Member(key, keyPath, "FilterRules", ["FilterRules"]) is not { } rulesNode)
        {
            return null;
        }

        var rulesPath = $"{keyPath}.FilterRules";
        if (context.Expect<SourceArray>(rulesNode, rulesPath, "an array of {\"Name\": \"prefix\" or \"suffix\", \"Value\": …} objects") is not { } rules)
        {
            return null;
        }

        var result = new List<(string Name, string Value)>();
        var valid = true;
        for (var i = 0; i < rules.Items.Count; i++)
        {
            var rulePath = $"{rulesPath}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (rules.Items[i] is not SourceObject rule)
            {
                context.WrongType(rules.Items[i], rulePath, "an object");
                valid = false;
                continue;
            }

            ReportUnknownKeys(rule, rulePath, ["Name", "Value"]);
            var name = RequiredString(rule, rulePath, "Name", AnyText(), DiagnosticCodes.PatternMismatch, "is empty");
            var value = RequiredString(rule, rulePath, "Value", AnyText(), DiagnosticCodes.PatternMismatch, "is empty; leave the rule out to match every key");
            if (name is null || value is null)
            {
                valid = false;
                continue;
            }

            if (!FilterRuleNames.Contains(name, StringComparer.Ordinal))
            {
                var suggestion = KeySuggestion.Find(name, FilterRuleNames);
                context.Error(DiagnosticCodes.S3InvalidFilter,
                    $"{rulePath}.Name '{name}' is not a filter rule name; use 'prefix' or 'suffix'{(suggestion is null ? "." : $" (did you mean '{suggestion}'?)")}",
                    rule.Find("Name")!.Value.Position);
                valid = false;
            }
            else if (result.Any(r => r.Name == name))
            {
                context.Error(DiagnosticCodes.S3InvalidFilter,
                    $"{rulePath} is a second '{name}' rule; a configuration takes at most one prefix and one suffix.", rule.Position);
                valid = false;
            }
            else
            {
                result.Add((name, value));
            }
        }

        return valid ? result : null;
    }

    /// <summary>The one member of a wrapper object (<c>Filter</c>'s <c>Key</c>, <c>Key</c>'s <c>FilterRules</c>).</summary>
    private SourceNode? Member(SourceNode node, string path, string member, IReadOnlyList<string> allowed)
    {
        if (context.Expect<SourceObject>(node, path, $"an object with {member}") is not { } obj)
        {
            return null;
        }

        ReportUnknownKeys(obj, path, allowed);
        if (obj.Find(member) is not { } property)
        {
            context.MissingRequired(path, member, obj.Position);
            return null;
        }

        return property.Value is SourceUnresolved ? null : property.Value;
    }
}
