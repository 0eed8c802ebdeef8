namespace Gitmoxi.LambdaSources.Diagnostics;

/// <summary>
/// Every diagnostic code the tool reports, whoever reports it: the definition reader, the engine, the Action and the
/// MSBuild task. Codes are stable: docs (<c>docs/diagnostics.md</c>, held to this table by a test) and users'
/// suppressions refer to them, so a code is never reused. GMX1xxx files, JSON and placeholders; GMX2xxx the file's
/// schema; GMX3xxx per-source rules and resolution; GMX4xxx live state and saved plans; GMX5xxx apply; GMX6xxx the
/// hosts' settings and environment; GMX7xxx the Action's runner contract and credentials; GMX9xxx bugs.
/// </summary>
public static class DiagnosticCodes
{
    public const string PathOutsideRoot = "GMX1001";
    public const string PathNotFound = "GMX1002";
    public const string NotADefinitionFile = "GMX1003";
    public const string FileTooLarge = "GMX1004";
    public const string UnsupportedEncoding = "GMX1005";
    public const string InvalidUtf8 = "GMX1006";
    public const string MalformedJson = "GMX1007";
    public const string NestingTooDeep = "GMX1008";
    public const string DuplicateKey = "GMX1009";
    public const string FileUnreadable = "GMX1010";
    public const string NoDefinitionFiles = "GMX1011";
    public const string PlaceholderMissingValue = "GMX1020";
    public const string PlaceholderMalformed = "GMX1021";
    public const string InputFileInvalid = "GMX1022";

    public const string UnknownKey = "GMX2001";
    public const string WrongType = "GMX2002";
    public const string MissingRequired = "GMX2003";
    public const string OutOfRange = "GMX2004";
    public const string LengthOutOfRange = "GMX2005";
    public const string NotInEnum = "GMX2006";
    public const string PatternMismatch = "GMX2007";
    public const string InvalidArn = "GMX2008";
    public const string NoEventSources = "GMX2009";
    public const string UnknownService = "GMX2010";
    public const string MisspeltAliasStageVariable = "GMX2011";
    public const string AliasStageVariableTwice = "GMX2012";
    public const string FilterPatternNotJsonObject = "GMX2013";
    public const string InvalidTimestamp = "GMX2014";
    public const string ReservedTagKey = "GMX2015";
    public const string InvalidFunctionName = "GMX2016";
    public const string InvalidAlias = "GMX2017";

    public const string UnsupportedEventSource = "GMX3001";
    public const string StartingPositionRequired = "GMX3002";
    public const string StartingPositionNotAllowed = "GMX3003";
    public const string TimestampRequired = "GMX3004";
    public const string TimestampNotAllowed = "GMX3005";
    public const string AtTimestampNotSupported = "GMX3006";
    public const string BatchingWindowRequired = "GMX3007";
    public const string FifoBatchSizeTooLarge = "GMX3008";
    public const string RequiredForKind = "GMX3009";
    public const string NotAllowedForKind = "GMX3010";
    public const string DuplicatePushSource = "GMX3020";
    public const string DuplicateMapping = "GMX3021";
    public const string FunctionDeclaredTwice = "GMX3022";
    public const string FunctionNameMissing = "GMX3030";
    public const string FunctionNameConflict = "GMX3031";
    public const string QualifierConflict = "GMX3032";
    public const string QualifierOverridden = "GMX3033";
    public const string PushSourceLocationMismatch = "GMX3034";

    /// <summary>A group a change deleted names no function at its base commit, so what it owned cannot be found (warning).</summary>
    public const string RemovedGroupUnresolved = "GMX3040";

    /// <summary>A group a change deleted deployed a function another group now declares; that group's plan shows what it owned (warning).</summary>
    public const string RemovedFunctionRedeclared = "GMX3041";

    /// <summary>The function or its alias does not exist.</summary>
    public const string FunctionNotFound = "GMX4001";

    /// <summary>AWS refused a read needed for the plan.</summary>
    public const string ReadFailed = "GMX4002";

    /// <summary>The files or live state moved since the saved plan was made.</summary>
    public const string StalePlan = "GMX4003";

    /// <summary>The saved plan file cannot be read: missing, unreadable, malformed or of another format version.</summary>
    public const string PlanFileUnreadable = "GMX4004";

    /// <summary>
    /// A plan scoped to a change cannot tell what changed: the checkout's git history lacks the base commit or the
    /// merge base (a shallow clone). Raised before any AWS call; the message names the fetch-depth needed.
    /// </summary>
    public const string HistoryTooShallow = "GMX4020";

    /// <summary>A plan scoped to a change was asked for where git is not installed; every group is planned instead (warning).</summary>
    public const string GitUnavailable = "GMX4021";

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

    /// <summary>A change failed during apply.</summary>
    public const string ChangeFailed = "GMX5001";

    /// <summary>The function's resource policy would exceed its size limit.</summary>
    public const string PolicyTooLarge = "GMX5003";

    /// <summary>A host setting (Gitmoxi* property, Action input, command-line option) has a value the host does not accept.</summary>
    public const string InvalidProperty = "GMX6001";

    /// <summary>No region or credentials, an unknown profile, or a malformed endpoint override.</summary>
    public const string AwsConfiguration = "GMX6002";

    /// <summary>The project's aws-lambda-tools-defaults.json cannot be read or is not a JSON object.</summary>
    public const string ToolsDefaultsUnreadable = "GMX6003";

    /// <summary>The run was canceled (build canceled, job canceled) before it finished.</summary>
    public const string Canceled = "GMX6004";

    /// <summary>The summary file or the job summary cannot be written.</summary>
    public const string SummaryNotWritten = "GMX6005";

    /// <summary>Visual Studio's .NET Framework MSBuild: the task needs the .NET SDK's MSBuild (raised by the targets).</summary>
    public const string UnsupportedMSBuild = "GMX6006";

    /// <summary>AWS could not be reached, or answered in a way the engine could not turn into a plan or result.</summary>
    public const string AwsUnavailable = "GMX6007";

    /// <summary>A group's <c>environment.account</c> is not the credentials' account, and the host was given no role for it.</summary>
    public const string AccountMismatch = "GMX6110";

    /// <summary>A line of the account-to-role map (<c>account-roles</c>, <c>GitmoxiAccountRoles</c>) is not <c>account=role ARN</c>.</summary>
    public const string AccountRoleInvalid = "GMX6111";

    /// <summary>The map gives an account a role of another account.</summary>
    public const string AccountRoleMismatch = "GMX6112";

    /// <summary>STS refused <c>AssumeRole</c> for a group's account, or the role it gave is in another account.</summary>
    public const string AccountRoleNotAssumed = "GMX6113";

    /// <summary><c>sts:GetCallerIdentity</c> failed, so the declared accounts cannot be checked.</summary>
    public const string CallerIdentityUnknown = "GMX6114";

    /// <summary><c>environment.region</c> or <c>environment.account</c> contradicts the function ARN the group names.</summary>
    public const string EnvironmentContradictsFunction = "GMX6115";
    /// <summary>An S3 source names an event type S3 does not have, or one twice.</summary>
    public const string S3UnknownEventType = "GMX6200";

    /// <summary>An S3 source's Filter is not one prefix and/or one suffix rule.</summary>
    public const string S3InvalidFilter = "GMX6201";

    /// <summary>The bucket does not exist.</summary>
    public const string BucketNotFound = "GMX6202";

    /// <summary>The bucket is in another Region or account than the function, or its notification configuration cannot be read.</summary>
    public const string BucketElsewhere = "GMX6203";

    /// <summary>A configuration would share an event type and overlapping prefix/suffix with another of the bucket (S3 refuses it).</summary>
    public const string S3ConfigurationsOverlap = "GMX6204";

    /// <summary>The bucket's notification configuration changed between the plan and the write: nothing was written.</summary>
    public const string BucketChangedMeanwhile = "GMX6205";
    /// <summary>The SNS topic is in another account or Region than the function.</summary>
    public const string SnsTopicElsewhere = "GMX6220";

    /// <summary>The SNS topic does not exist.</summary>
    public const string SnsTopicNotFound = "GMX6221";

    /// <summary>A <c>FilterPolicy</c> or <c>RedrivePolicy</c> attribute is not a JSON object written as a string.</summary>
    public const string SnsAttributeNotJson = "GMX6222";

    /// <summary>A <c>Subscribe</c> attribute of another protocol (<c>RawMessageDelivery</c>, <c>DeliveryPolicy</c>, …) on a function subscription.</summary>
    public const string SnsAttributeNotForLambda = "GMX6223";

    /// <summary>The EventBridge rule does not exist on its bus.</summary>
    public const string EventRuleNotFound = "GMX6230";

    /// <summary>The event bus a rule source names does not exist.</summary>
    public const string EventBusNotFound = "GMX6231";

    /// <summary>The rule has the five targets EventBridge allows; another would be refused.</summary>
    public const string EventRuleTargetsFull = "GMX6232";

    /// <summary>The rule is managed by another AWS service (<c>ManagedBy</c>): its targets are not ours to change.</summary>
    public const string EventRuleManaged = "GMX6233";

    /// <summary>The rule already targets the function under an id the tool did not give, with other members.</summary>
    public const string EventTargetForeign = "GMX6234";

    /// <summary>More than one of <c>Input</c>, <c>InputPath</c> and <c>InputTransformer</c>.</summary>
    public const string EventTargetInputsExclusive = "GMX6235";

    /// <summary><c>Input</c> is not valid JSON text.</summary>
    public const string EventTargetInputNotJson = "GMX6236";

    /// <summary>The log group a subscription filter source names does not exist.</summary>
    public const string LogGroupNotFound = "GMX6240";

    /// <summary>The log group has the two subscription filters CloudWatch Logs allows; another would be refused.</summary>
    public const string LogGroupFiltersFull = "GMX6241";

    /// <summary>A filter of the declared name sends the group's events to another destination; it is never taken over.</summary>
    public const string LogFilterNameTaken = "GMX6242";

    /// <summary>The GitHub OIDC ID token cannot be had (no <c>id-token: write</c>, or the token service failed).</summary>
    public const string OidcTokenUnavailable = "GMX7001";

    /// <summary>STS refused <c>AssumeRoleWithWebIdentity</c> or never answered.</summary>
    public const string RoleNotAssumed = "GMX7002";

    /// <summary>A runner file command file (<c>GITHUB_OUTPUT</c>) is missing, or a value cannot be written to it.</summary>
    public const string StepOutputNotWritten = "GMX7003";

    /// <summary>A schedule's <c>ScheduleExpression</c> is not an <c>at(…)</c>, <c>rate(…)</c> or <c>cron(…)</c> expression.</summary>
    public const string InvalidScheduleExpression = "GMX6250";

    /// <summary>A schedule declares <c>Target.Arn</c>, which the tool fills in with the qualified function ARN.</summary>
    public const string ScheduleTargetArnDeclared = "GMX6251";

    /// <summary><c>FlexibleTimeWindow.MaximumWindowInMinutes</c> with mode <c>OFF</c>, or missing with <c>FLEXIBLE</c>.</summary>
    public const string FlexibleWindowMismatch = "GMX6252";

    /// <summary>A declared schedule exists but this repository does not own it, and it differs from the declaration.</summary>
    public const string ScheduleNotOwned = "GMX6253";

    /// <summary>The schedule group a declared schedule names does not exist.</summary>
    public const string ScheduleGroupNotFound = "GMX6254";

    /// <summary>The REST API, its resource, or the method on it that a source names does not exist.</summary>
    public const string RestMethodNotFound = "GMX6260";

    /// <summary>A stage named to deploy after apply does not exist on a REST API whose integrations the plan changes (a warning; not deployed there).</summary>
    public const string RestDeployStageNotFound = "GMX6280";

    /// <summary>A name in the stages to deploy after apply (Action input, MSBuild property) is not a stage name.</summary>
    public const string RestDeployStageInvalid = "GMX6281";

    /// <summary>A failure the tool did not expect: a bug; the step log has the stack trace.</summary>
    public const string UnexpectedFailure = "GMX9001";

    /// <summary>Every code with its title, the heading <c>docs/diagnostics.md</c> gives it.</summary>
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PathOutsideRoot] = "Path outside the root",
        [PathNotFound] = "Path not found",
        [NotADefinitionFile] = "Not a definition file",
        [FileTooLarge] = "File too large",
        [UnsupportedEncoding] = "Unsupported encoding",
        [InvalidUtf8] = "Invalid UTF-8",
        [MalformedJson] = "Malformed JSON",
        [NestingTooDeep] = "Nesting too deep",
        [DuplicateKey] = "Duplicate key",
        [FileUnreadable] = "File unreadable",
        [NoDefinitionFiles] = "No definition files",
        [PlaceholderMissingValue] = "Placeholder without a value",
        [PlaceholderMalformed] = "Malformed placeholder",
        [InputFileInvalid] = "Invalid input file",
        [UnknownKey] = "Unknown key",
        [WrongType] = "Wrong type",
        [MissingRequired] = "Missing required member",
        [OutOfRange] = "Out of range",
        [LengthOutOfRange] = "Length out of range",
        [NotInEnum] = "Not an allowed value",
        [PatternMismatch] = "Pattern mismatch",
        [InvalidArn] = "Invalid ARN",
        [NoEventSources] = "No event sources",
        [UnknownService] = "Unknown push service",
        [MisspeltAliasStageVariable] = "Misspelt AliasStageVariableName",
        [AliasStageVariableTwice] = "AliasStageVariableName twice",
        [FilterPatternNotJsonObject] = "Filter pattern not a JSON object",
        [InvalidTimestamp] = "Invalid timestamp",
        [ReservedTagKey] = "Reserved tag key",
        [InvalidFunctionName] = "Invalid function name",
        [InvalidAlias] = "Invalid alias",
        [UnsupportedEventSource] = "Unsupported event source",
        [StartingPositionRequired] = "Starting position required",
        [StartingPositionNotAllowed] = "Starting position not allowed",
        [TimestampRequired] = "Timestamp required",
        [TimestampNotAllowed] = "Timestamp not allowed",
        [AtTimestampNotSupported] = "AT_TIMESTAMP not supported",
        [BatchingWindowRequired] = "Batching window required",
        [FifoBatchSizeTooLarge] = "FIFO batch size too large",
        [RequiredForKind] = "Required for this kind of source",
        [NotAllowedForKind] = "Not allowed for this kind of source",
        [DuplicatePushSource] = "Duplicate push source",
        [DuplicateMapping] = "Duplicate mapping",
        [FunctionDeclaredTwice] = "Function declared twice",
        [FunctionNameMissing] = "Function name missing",
        [FunctionNameConflict] = "Function name conflict",
        [QualifierConflict] = "Qualifier conflict",
        [QualifierOverridden] = "Qualifier overridden",
        [PushSourceLocationMismatch] = "Target group elsewhere than the function",
        [RemovedGroupUnresolved] = "Deleted group names no function",
        [RemovedFunctionRedeclared] = "Deleted group's function declared elsewhere",
        [FunctionNotFound] = "Function not found",
        [ReadFailed] = "Read failed",
        [StalePlan] = "Stale plan",
        [PlanFileUnreadable] = "Plan file unreadable",
        [HistoryTooShallow] = "History too shallow",
        [GitUnavailable] = "git unavailable",
        [TargetGroupElsewhere] = "Target group in another account or Region",
        [TargetGroupNotFound] = "Target group not found",
        [TargetGroupNotLambda] = "Target group not of type lambda",
        [TargetGroupTaken] = "Target group taken",
        [ApiNotFound] = "API not found",
        [RouteNotFound] = "Route not found",
        [StageVariableUnset] = "Stage variable unset",
        [StageAliasNotFound] = "Stage alias not found",
        [ChangeFailed] = "Change failed",
        [PolicyTooLarge] = "Resource policy full",
        [InvalidProperty] = "Invalid setting",
        [AwsConfiguration] = "AWS configuration",
        [ToolsDefaultsUnreadable] = "aws-lambda-tools-defaults.json unreadable",
        [Canceled] = "Canceled",
        [SummaryNotWritten] = "Summary not written",
        [UnsupportedMSBuild] = "Unsupported MSBuild",
        [AwsUnavailable] = "AWS unavailable",
        [AccountMismatch] = "Account mismatch",
        [AccountRoleInvalid] = "Account role invalid",
        [AccountRoleMismatch] = "Account role in another account",
        [AccountRoleNotAssumed] = "Account role not assumed",
        [CallerIdentityUnknown] = "Caller identity unknown",
        [EnvironmentContradictsFunction] = "Environment contradicts the function",
        [S3UnknownEventType] = "Unknown S3 event type",
        [S3InvalidFilter] = "Invalid S3 filter",
        [BucketNotFound] = "Bucket not found",
        [BucketElsewhere] = "Bucket in another account or Region",
        [S3ConfigurationsOverlap] = "Overlapping S3 notification configurations",
        [BucketChangedMeanwhile] = "Bucket changed meanwhile",
        [SnsTopicElsewhere] = "SNS topic in another account or Region",
        [SnsTopicNotFound] = "SNS topic not found",
        [SnsAttributeNotJson] = "SNS attribute not a JSON object",
        [SnsAttributeNotForLambda] = "SNS attribute not for Lambda",
        [EventRuleNotFound] = "EventBridge rule not found",
        [EventBusNotFound] = "Event bus not found",
        [EventRuleTargetsFull] = "EventBridge rule has five targets",
        [EventRuleManaged] = "EventBridge rule managed by a service",
        [EventTargetForeign] = "EventBridge target not ours",
        [EventTargetInputsExclusive] = "EventBridge target inputs exclusive",
        [EventTargetInputNotJson] = "EventBridge target Input not JSON",
        [LogGroupNotFound] = "Log group not found",
        [LogGroupFiltersFull] = "Log group has two subscription filters",
        [LogFilterNameTaken] = "Subscription filter name taken",
        [OidcTokenUnavailable] = "OIDC token unavailable",
        [RoleNotAssumed] = "Role not assumed",
        [StepOutputNotWritten] = "Step output not written",
        [InvalidScheduleExpression] = "Invalid schedule expression",
        [ScheduleTargetArnDeclared] = "Schedule target ARN declared",
        [FlexibleWindowMismatch] = "Flexible time window mismatch",
        [ScheduleNotOwned] = "Schedule not owned",
        [ScheduleGroupNotFound] = "Schedule group not found",
        [RestMethodNotFound] = "REST API method not found",
        [RestDeployStageNotFound] = "REST API stage to deploy not found",
        [RestDeployStageInvalid] = "Invalid REST API stage to deploy",
        [UnexpectedFailure] = "Unexpected failure",
    };
}
