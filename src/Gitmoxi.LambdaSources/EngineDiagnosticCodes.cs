namespace Gitmoxi.LambdaSources;

/// <summary>Codes for problems found while reading live state and applying (GMX4xxx plan, GMX5xxx apply).</summary>
public static class EngineDiagnosticCodes
{
    /// <summary>The function or its alias does not exist.</summary>
    public const string FunctionNotFound = "GMX4001";

    /// <summary>AWS refused a read needed for the plan.</summary>
    public const string ReadFailed = "GMX4002";

    /// <summary>A saved plan cannot be read, or the files or live state moved since it was made.</summary>
    public const string StalePlan = "GMX4003";

    /// <summary>A change failed during apply.</summary>
    public const string ChangeFailed = "GMX5001";
}
