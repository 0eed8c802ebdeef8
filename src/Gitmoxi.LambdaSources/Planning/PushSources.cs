namespace Gitmoxi.LambdaSources.Planning;

/// <summary>
/// Names of push-source resources: the <c>SourceArn</c>s that scope them, plan addresses and the wire members of policy statements.
/// </summary>
internal static class PushSources
{
    /// <summary>Policy key of the unqualified function.</summary>
    public const string UnqualifiedKey = "";

    /// <summary>
    /// The execute-api ARN a route is invoked as: <c>{apiId}/*/{METHOD}{path}</c> with any stage; <c>ANY</c> is not a
    /// verb in the ARN, so it becomes <c>*</c>; <c>$default</c> (every method and path) is the API-wide <c>{apiId}/*</c>.
    /// </summary>
    public static string RouteSourceArn(string functionArn, string apiId, string routeKey)
    {
        var (partition, region, account) = ArnParts(functionArn);
        var prefix = $"arn:{partition}:execute-api:{region}:{account}:{apiId}/";
        var space = routeKey.IndexOf(' ', StringComparison.Ordinal);
        if (routeKey == "$default" || space < 0)
        {
            return prefix + "*";
        }

        var method = routeKey[..space];
        var path = routeKey[(space + 1)..];
        return prefix + "*/" + (method == "ANY" ? "*" : method) + path;
    }

    /// <summary>The function ARN qualified by <c>${stageVariables.NAME}</c>, resolved by API Gateway per stage.</summary>
    public static string StageVariableUri(string unqualifiedFunctionArn, string variable) =>
        unqualifiedFunctionArn + ":${stageVariables." + variable + "}";

    public static string QualifierKey(string? qualifier) => qualifier ?? UnqualifiedKey;

    public static string? QualifierOf(string key) => key.Length == 0 ? null : key;

    /// <summary>The qualifier keys of the ARNs (what a source invokes) that name this function, whatever their qualifier.</summary>
    public static IEnumerable<string> QualifierKeysOf(IEnumerable<string> invokedArns, string unqualifiedFunctionArn) =>
        invokedArns.Where(arn => FunctionArns.Unqualified(arn) == unqualifiedFunctionArn).Select(arn => QualifierKey(QualifierOfArn(arn)));

    /// <summary>The qualifier of a function ARN (<c>…:function:name:live</c> → <c>live</c>); null for an unqualified ARN.</summary>
    public static string? QualifierOfArn(string functionArn) => functionArn.Split(':') is { Length: > 7 } parts ? parts[7] : null;

    public static string QualifiedArn(string unqualifiedFunctionArn, string? qualifier) =>
        qualifier is null ? unqualifiedFunctionArn : unqualifiedFunctionArn + ":" + qualifier;

    /// <summary>(partition, region, account) of an ARN.</summary>
    public static (string Partition, string Region, string Account) ArnParts(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 4 ? (parts[1], parts[3], parts[4]) : (string.Empty, string.Empty, string.Empty);
    }

    /// <summary>Whether a source's ARN is in the function's partition, Region and account.</summary>
    public static bool WithFunction(string sourceArn, string functionArn) => ArnParts(sourceArn) == ArnParts(functionArn);

    /// <summary>
    /// The error for a source its service wires only to a function of its own account and Region, declared for a function
    /// elsewhere; null when the two are together.
    /// </summary>
    /// <param name="resource">What the source is, as the message names it (<c>topic</c>).</param>
    /// <param name="why">Why that service wires only its own account and Region, ending the message.</param>
    public static Diagnostic? ElsewhereThanFunction(string code, string resource, string sourceArn, string functionArn, string why, SourceSpan span)
    {
        var (_, region, account) = ArnParts(sourceArn);
        var function = ArnParts(functionArn);
        return WithFunction(sourceArn, functionArn)
            ? null
            : Diagnostic.Error(
                code, $"The {resource} {sourceArn} is in {account}/{region}, but the function {functionArn} is in {function.Account}/{function.Region}; {why}", span);
    }

    /// <summary>The last path segment of an ARN's resource (<c>targetgroup/orders-tg/…</c> → <c>orders-tg</c>).</summary>
    public static string TargetGroupName(string arn)
    {
        var resource = arn.Split(':', 6) is { Length: 6 } parts ? parts[5] : arn;
        var segments = resource.Split('/');
        return segments.Length > 1 ? segments[1] : resource;
    }

    /// <summary>The API id of an execute-api ARN (<c>…:{apiId}/*/GET/orders</c>).</summary>
    public static string? ApiIdOf(string? executeApiArn) =>
        executeApiArn?.Split(':', 6) is { Length: 6 } parts && parts[2] == "execute-api" ? parts[5].Split('/')[0] : null;

    public static string PermissionAddress(string? qualifier, string sid) => $"permission {qualifier ?? "$unqualified"}/{sid}";

    public static string RegistrationAddress(string targetGroupArn) => "target-registration elb:" + TargetGroupName(targetGroupArn);

    public static string RouteAddress(string apiId, string routeKeyOrId) => $"route-integration apigw:{apiId}/{routeKeyOrId}";

    public static string BucketNotificationAddress(string bucket, string configurationId) => $"bucket-notification s3:{bucket}/{configurationId}";

    /// <summary>The bucket's ARN, the <c>SourceArn</c> of its permission: <c>arn:{partition}:s3:::{bucket}</c> (no Region, no account).</summary>
    public static string BucketArn(string partition, string bucket) => $"arn:{partition}:s3:::{bucket}";

    /// <summary>The bucket an S3 ARN names; null for another ARN.</summary>
    public static string? BucketOf(string? arn) =>
        arn?.Split(':', 6) is { Length: 6 } parts && parts[2] == "s3" && parts[3].Length == 0 && parts[4].Length == 0 ? parts[5] : null;

    /// <summary>Reads a resource policy document (<c>GetPolicy</c>'s <c>Policy</c> string) into statements.</summary>
    internal static IReadOnlyList<LiveStatement> ParsePolicy(string? policy)
    {
        if (string.IsNullOrWhiteSpace(policy) || JsonNode.Parse(policy) is not JsonObject document)
        {
            return [];
        }

        var statements = document["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        return [.. statements.Select(ParseStatement).Where(s => s.Sid.Length > 0)];
    }

    private static LiveStatement ParseStatement(JsonObject statement)
    {
        var principal = statement["Principal"] switch
        {
            JsonObject p => Text(p["Service"]) ?? Text(p["AWS"]),
            var p => Text(p),
        };
        var action = statement["Action"] is JsonArray { Count: 1 } actions ? Text(actions[0]) : Text(statement["Action"]);
        string? sourceArn = null;
        string? others = null;
        if (statement["Condition"]?.DeepClone() is JsonObject conditions)
        {
            if (conditions["ArnLike"] is JsonObject arnLike)
            {
                var key = arnLike.Select(p => p.Key).FirstOrDefault(k => k.Equals("AWS:SourceArn", StringComparison.OrdinalIgnoreCase));
                if (key is not null)
                {
                    sourceArn = Text(arnLike[key]);
                    arnLike.Remove(key);
                }

                if (arnLike.Count == 0)
                {
                    conditions.Remove("ArnLike");
                }
            }

            others = conditions.Count == 0 ? null : CanonicalJson.ForComparison(conditions);
        }

        return new LiveStatement(Text(statement["Sid"]) ?? string.Empty, Text(statement["Effect"]), principal, action, sourceArn, others);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
