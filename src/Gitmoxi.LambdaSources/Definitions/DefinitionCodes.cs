namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// Every diagnostic code the definition reader emits. Codes are stable: hosts, docs
/// (<c>docs/diagnostics.md</c>) and users' suppressions refer to them, so a code is never reused.
/// GMX1xxx: files, JSON and placeholders. GMX2xxx: the file's schema. GMX3xxx: per-source rules and resolution.
/// </summary>
internal static class DefinitionCodes
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
}
