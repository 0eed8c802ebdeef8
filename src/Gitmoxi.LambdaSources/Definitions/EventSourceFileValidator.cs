using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions.Json;
using Gitmoxi.LambdaSources.Definitions.PushKinds;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>A declared mapping whose members passed their checks (its kind is null when the source is unknown).</summary>
internal sealed record MappingDraft(EventSourceKind? Kind, string? EventSourceArn, SourceObject Node, string Path);

/// <summary>A <c>FunctionName</c> written in a file, parsed.</summary>
internal sealed record FunctionNameCandidate(FunctionReference Reference, TextPosition Position, string File);

/// <summary>What a <c>_lambdaeventsourcedef.json</c> declares, ready for function resolution.</summary>
internal sealed record EventSourceFile(
    IReadOnlyList<PushSource> PushSources,
    IReadOnlyList<MappingDraft> Mappings,
    IReadOnlyList<FunctionNameCandidate> FunctionNames,
    int FunctionNamesWritten,
    TextPosition RootPosition);

/// <summary>Checks a <c>_lambdaeventsourcedef.json</c> tree: its schema, the per-source rules and duplicates.</summary>
internal sealed partial class EventSourceFileValidator(ValidationContext context)
{
    public const string ElbService = "elasticloadbalancing.amazonaws.com";
    public const string ApiGatewayService = "apigateway.amazonaws.com";
    private const string PushKey = "PushEventSources";
    private const string PullKey = "PullEventSources";
    private const string MappingKey = "EventSourceMapping";
    private const string MisspeltStageVariableKey = "AlaisStageVariableName";

    private static readonly string[] TopLevelKeys = [PushKey, PullKey, "$schema"];
    private static readonly string[] ElbKeys = ["Service", "TargetGroupArn"];
    private static readonly string[] ApiGatewayKeys = ["Service", "ApiId", "RouteId", "AliasStageVariableName"];

    /// <summary>Every push service, one per line: each kind's validation lives in its own file under <c>PushKinds/</c>.</summary>
    private static readonly string[] PushServices =
    [
        ElbService,
        ApiGatewayService,
        S3Service,
        ScheduleSourceValidator.Service,
        SnsPushSource.Service,
        EventRulePushSource.Service,
        LogSubscriptionPushSource.Service,
    ];

    /// <summary>Every key some push source takes: what a source of no (or an unknown) service may hold.</summary>
    private static readonly string[] AnyPushKeys =
    [
        .. ElbKeys,
        .. ApiGatewayKeys.Skip(1),
        .. SnsPushSource.Keys.Skip(1),
        .. EventRulePushSource.Shape.Names.Skip(1),
        .. LogSubscriptionPushSource.Shape.Names.Skip(1),
    ];

    private readonly List<PushSource> _pushSources = [];
    private readonly List<MappingDraft> _mappings = [];
    private readonly List<FunctionNameCandidate> _functionNames = [];

    [GeneratedRegex(@"^arn:aws[a-zA-Z-]*:elasticloadbalancing:(?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-[0-9]:[0-9]{12}:targetgroup/[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?/[0-9a-f]{16}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TargetGroupArn();

    [GeneratedRegex(@"^[a-z0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ApiGatewayId();

    [GeneratedRegex(@"^[A-Za-z0-9_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex StageVariableName();

    public EventSourceFile Validate(SourceNode root)
    {
        if (root is not SourceObject obj)
        {
            context.WrongType(root, "The definition file", "a JSON object");
            return Result(root.Position);
        }

        foreach (var property in obj.Properties)
        {
            switch (property.Name)
            {
                case PushKey:
                    ValidatePushSources(property.Value);
                    break;
                case PullKey:
                    ValidatePullSources(property.Value);
                    break;
                case "$schema":
                    ShapeValidator.Validate(property.Value, new StringShape(), "$schema", context);
                    break;
                default:
                    context.UnknownKey(property, string.Empty, TopLevelKeys);
                    break;
            }
        }

        if (obj.Find(PushKey) is null && obj.Find(PullKey) is null)
        {
            context.Error(DiagnosticCodes.NoEventSources,
                $"The file declares no event sources: add {PushKey} (an array) or {PullKey} (an object with {MappingKey}).", obj.Position);
        }

        ReportDuplicateMappings();
        return Result(obj.Position);
    }

    private EventSourceFile Result(TextPosition position) =>
        new(_pushSources, _mappings, _functionNames, _mappings.Count(m => m.Node.Find("FunctionName") is not null), position);

    private void ValidatePushSources(SourceNode node)
    {
        if (context.Expect<SourceArray>(node, PushKey, "an array of objects") is not { } array)
        {
            return;
        }

        var seen = new Dictionary<string, (string Path, TextPosition Position)>(StringComparer.Ordinal);
        for (var i = 0; i < array.Items.Count; i++)
        {
            var path = $"{PushKey}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (ValidatePushSource(array.Items[i], path) is not { } source)
            {
                continue;
            }

            var key = source switch
            {
                ElbPushSource elb => $"elb {elb.TargetGroupArn}",
                ApiGatewayPushSource api => $"api {api.ApiId} {api.RouteId}",
                S3PushSource s3 => $"s3 {s3.Bucket} {s3.FilterKey}",
                SchedulePushSource schedule => $"schedule {schedule.GroupName}/{schedule.Name}",
                RestApiPushSource rest => $"rest {rest.RestApiId} {rest.ResourceId} {rest.HttpMethod}",
                SnsPushSource sns => $"sns {sns.TopicArn}",
                EventRulePushSource rule => $"events {rule.EventBusName}/{rule.Rule}",
                LogSubscriptionPushSource filter => $"logs {filter.LogGroupName}:{filter.FilterName}",
                _ => throw new InvalidOperationException("Unknown push source."),
            };
            if (seen.TryGetValue(key, out var first))
            {
                context.Error(DiagnosticCodes.DuplicatePushSource,
                    $"{path} declares the same {Noun(source)} as {first.Path} (line {first.Position.Line}).",
                    array.Items[i].Position);
            }
            else
            {
                seen[key] = (path, array.Items[i].Position);
                _pushSources.Add(source);
            }
        }
    }

    /// <summary>What a push source of this kind declares, as a duplicate's message names it.</summary>
    private static string Noun(PushSource source) => source switch
    {
        ElbPushSource => "target group",
        SnsPushSource => "SNS topic",
        EventRulePushSource => "EventBridge rule",
        LogSubscriptionPushSource => "subscription filter",
        S3PushSource => "bucket and filter (list every event type of one filter in one entry's Events)",
        SchedulePushSource => "schedule",
        RestApiPushSource => "REST API method",
        _ => "API route",
    };

    private PushSource? ValidatePushSource(SourceNode node, string path)
    {
        if (context.Expect<SourceObject>(node, path, "an object") is not { } obj)
        {
            return null;
        }

        var service = obj.Find("Service");
        switch (service?.Value)
        {
            case null:
                context.MissingRequired(path, "Service", obj.Position);
                ReportUnknownKeys(obj, path, AnyPushKeys);
                return null;
            case SourceString { Value: ElbService }:
                return ValidateElb(obj, path);
            case SourceString { Value: ApiGatewayService } when RestApiSourceValidator.IsRestApi(obj):
                return new RestApiSourceValidator(context).Validate(obj, path);
            case SourceString { Value: ApiGatewayService }:
                return ValidateApiGateway(obj, path);
            case SourceString { Value: S3Service }:
                return ValidateS3(obj, path);
            case SourceString { Value: ScheduleSourceValidator.Service }:
                return new ScheduleSourceValidator(context).Validate(obj, path);
            case SourceString { Value: SnsPushSource.Service }:
                return ValidateSns(obj, path);
            case SourceString { Value: EventRulePushSource.Service }:
                return ValidateEventRule(obj, path);
            case SourceString { Value: LogSubscriptionPushSource.Service }:
                return ValidateLogSubscription(obj, path);
            case SourceString other:
                context.Error(DiagnosticCodes.UnknownService,
                    $"{path}.Service '{other.Value}' is not a push source this tool supports; use {string.Join(", ", PushServices.Select(s => $"'{s}'"))}"
                    + (KeySuggestion.Find(other.Value, PushServices) is { } meant ? $"; did you mean '{meant}'?" : "."),
                    other.Position);
                ReportUnknownKeys(obj, path, AnyPushKeys);
                return null;
            case SourceUnresolved:
                return null;
            default:
                context.WrongType(service.Value, $"{path}.Service", "a string");
                return null;
        }
    }

    private ElbPushSource? ValidateElb(SourceObject obj, string path)
    {
        ReportUnknownKeys(obj, path, ElbKeys, $" ({ElbService} sources take only {string.Join(" and ", ElbKeys)})");
        var arn = RequiredString(obj, path, "TargetGroupArn", TargetGroupArn(), DiagnosticCodes.InvalidArn,
            "is not an ELBv2 target group ARN (arn:aws:elasticloadbalancing:{region}:{account}:targetgroup/{name}/{16 hex digits})");
        return arn is null ? null : new ElbPushSource(arn, context.Span(obj.Position));
    }

    private ApiGatewayPushSource? ValidateApiGateway(SourceObject obj, string path)
    {
        ReportUnknownKeys(obj, path, [.. ApiGatewayKeys, MisspeltStageVariableKey],
            $" ({ApiGatewayService} sources take {string.Join(", ", ApiGatewayKeys)})", ApiGatewayKeys);
        var apiId = RequiredString(obj, path, "ApiId", ApiGatewayId(), DiagnosticCodes.PatternMismatch,
            "is not an API Gateway API ID (lowercase letters and digits, e.g. a1b2c3d4e5)");
        var routeId = RequiredString(obj, path, "RouteId", ApiGatewayId(), DiagnosticCodes.PatternMismatch,
            "is not an API Gateway route ID (lowercase letters and digits, e.g. abc123x)");

        var stageVariable = obj.Find("AliasStageVariableName");
        var misspelt = obj.Find(MisspeltStageVariableKey);
        if (misspelt is not null)
        {
            if (stageVariable is not null)
            {
                context.Error(DiagnosticCodes.AliasStageVariableTwice,
                    $"{path} has both AliasStageVariableName and its misspelling {MisspeltStageVariableKey}; keep only AliasStageVariableName.",
                    misspelt.NamePosition);
                return null;
            }

            context.Warning(DiagnosticCodes.MisspeltAliasStageVariable,
                $"{path}.{MisspeltStageVariableKey} is a misspelling of AliasStageVariableName, accepted because published samples use it; rename it.",
                misspelt.NamePosition);
            stageVariable = misspelt;
        }

        var stageVariableValid = true;
        string? stageVariableName = null;
        if (stageVariable is not null)
        {
            stageVariableName = CheckString(stageVariable.Value, $"{path}.{stageVariable.Name}", StageVariableName(), DiagnosticCodes.PatternMismatch,
                "is not a stage variable name (letters, digits and '_')");
            stageVariableValid = stageVariableName is not null;
        }

        return apiId is null || routeId is null || !stageVariableValid
            ? null
            : new ApiGatewayPushSource(apiId, routeId, stageVariableName, context.Span(obj.Position));
    }

    private void ReportUnknownKeys(SourceObject obj, string path, IReadOnlyList<string> allowed, string? why = null, IReadOnlyList<string>? suggestions = null)
    {
        foreach (var property in obj.Properties.Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal)))
        {
            context.UnknownKey(property, path, suggestions ?? allowed, why);
        }
    }

    private string? RequiredString(SourceObject obj, string path, string member, Regex syntax, string code, string what)
    {
        if (obj.Find(member) is not { } property)
        {
            context.MissingRequired(path, member, obj.Position);
            return null;
        }

        return CheckString(property.Value, $"{path}.{member}", syntax, code, what);
    }

    private string? CheckString(SourceNode node, string path, Regex syntax, string code, string what)
    {
        switch (node)
        {
            case SourceString text when syntax.IsMatch(text.Value):
                return text.Value;
            case SourceString text:
                context.Error(code, $"{path} '{text.Value}' {what}.", text.Position);
                return null;
            case SourceUnresolved:
                return null;
            default:
                context.WrongType(node, path, "a string");
                return null;
        }
    }

    private void ValidatePullSources(SourceNode node)
    {
        if (context.Expect<SourceObject>(node, PullKey, "an object") is not { } obj)
        {
            return;
        }

        ReportUnknownKeys(obj, PullKey, [MappingKey]);
        var path = $"{PullKey}.{MappingKey}";
        switch (obj.Find(MappingKey)?.Value)
        {
            case null:
                context.MissingRequired(PullKey, MappingKey, obj.Position);
                break;
            case SourceArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    ValidateMapping(array.Items[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]");
                }

                break;
            case var single:
                ValidateMapping(single, path);
                break;
        }
    }

    private void ValidateMapping(SourceNode node, string path)
    {
        if (context.Expect<SourceObject>(node, path, "an object (or, for several mappings, an array of objects)") is not { } obj)
        {
            return;
        }

        var catalog = MappingMemberCatalog.Mapping;
        foreach (var property in obj.Properties)
        {
            if (catalog.Find(property.Name) is not { } member)
            {
                context.UnknownKey(property, path, catalog.Names);
            }
            else if (ShapeValidator.Validate(property.Value, member.Shape, $"{path}.{property.Name}", context)
                && property.Name == "FunctionName" && property.Value is SourceString name)
            {
                if (ParseFunctionName(name, $"{path}.FunctionName", context) is { } reference)
                {
                    _functionNames.Add(new FunctionNameCandidate(reference, name.Position, context.File));
                }
            }
        }

        var kind = DetermineKind(obj, path);
        if (kind is { } k)
        {
            new MappingRules(context, obj, path, k).Check();
        }

        _mappings.Add(new MappingDraft(kind, (obj.Find("EventSourceArn")?.Value as SourceString)?.Value, obj, path));
    }

    public static FunctionReference? ParseFunctionName(SourceString name, string path, ValidationContext context)
    {
        var reference = FunctionReference.TryParse(name.Value);
        if (reference is null)
        {
            context.Error(DiagnosticCodes.InvalidFunctionName,
                $"{path} '{name.Value}' is not a function name ([a-zA-Z0-9-_], 1 to 64 characters), a partial ARN (123456789012:function:name) or a function ARN; each may end with ':alias' or ':version'.",
                name.Position);
        }

        return reference;
    }

    private EventSourceKind? DetermineKind(SourceObject obj, string path)
    {
        var arn = obj.Find("EventSourceArn");
        if (arn is null)
        {
            if (obj.Find("SelfManagedEventSource") is not null)
            {
                return EventSourceKind.SelfManagedKafka;
            }

            context.Error(DiagnosticCodes.MissingRequired,
                $"{path}.EventSourceArn is required (or SelfManagedEventSource, for a self-managed Kafka cluster).", obj.Position);
            return null;
        }

        var shape = (StringShape)MappingMemberCatalog.Mapping.Find("EventSourceArn")!.Shape;
        if (arn.Value is not SourceString text || !shape.Matches(text.Value))
        {
            return null;
        }

        var service = text.Value.Split(':')[2];
        EventSourceKind? kind = service switch
        {
            "sqs" => EventSourceKind.Sqs,
            "kinesis" => EventSourceKind.Kinesis,
            "dynamodb" when text.Value.Contains("/stream/", StringComparison.Ordinal) => EventSourceKind.DynamoDbStream,
            "kafka" => EventSourceKind.Msk,
            "mq" => EventSourceKind.MQ,
            "rds" => EventSourceKind.DocumentDb,
            _ => null,
        };
        if (kind is null)
        {
            var why = service == "dynamodb"
                ? "is a DynamoDB table, not its stream; use the stream ARN (…:table/NAME/stream/TIMESTAMP)"
                : $"names the service '{service}', which is not an event source mapping source; supported: sqs, kinesis, dynamodb (streams), kafka (Amazon MSK), mq (Amazon MQ), rds (DocumentDB)";
            context.Error(DiagnosticCodes.UnsupportedEventSource, $"{path}.EventSourceArn {why}.", text.Position);
        }

        return kind;
    }

    private void ReportDuplicateMappings()
    {
        var seen = new Dictionary<string, MappingDraft>(StringComparer.Ordinal);
        foreach (var mapping in _mappings)
        {
            if (SourceIdentity(mapping) is not { } key)
            {
                continue;
            }

            if (seen.TryGetValue(key, out var first))
            {
                context.Error(DiagnosticCodes.DuplicateMapping,
                    $"{mapping.Path} reads the same event source as {first.Path} (line {first.Node.Position.Line}); one function can have only one mapping per source.",
                    mapping.Node.Position);
            }
            else
            {
                seen[key] = mapping;
            }
        }
    }

    /// <summary>What makes two mappings the same to Lambda: the source ARN, and for Kafka also the topic.</summary>
    private static string? SourceIdentity(MappingDraft mapping)
    {
        var topic = mapping.Node.Find("Topics")?.Value is SourceArray { Items: [SourceString t] } ? t.Value : string.Empty;
        return mapping.Kind switch
        {
            null => null,
            EventSourceKind.SelfManagedKafka => KafkaEndpoints(mapping.Node) is { } endpoints ? $"kafka {endpoints} {topic}" : null,
            EventSourceKind.Msk => $"{mapping.EventSourceArn} {topic}",
            _ => mapping.EventSourceArn,
        };
    }

    private static string? KafkaEndpoints(SourceObject mapping) =>
        mapping.Find("SelfManagedEventSource")?.Value is SourceObject source
        && source.Find("Endpoints")?.Value is SourceObject endpoints
        && endpoints.Find("KAFKA_BOOTSTRAP_SERVERS")?.Value is SourceArray servers
            ? string.Join(",", servers.Items.OfType<SourceString>().Select(s => s.Value).Order(StringComparer.Ordinal))
            : null;
}
