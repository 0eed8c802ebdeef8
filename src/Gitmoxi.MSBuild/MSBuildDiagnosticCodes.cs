namespace Gitmoxi.MSBuild;

/// <summary>Codes for problems of the MSBuild host itself (GMX6xxx); the engine's codes pass through unchanged.</summary>
public static class MSBuildDiagnosticCodes
{
    /// <summary>A Gitmoxi* property has a value the task does not accept.</summary>
    public const string InvalidProperty = "GMX6001";

    /// <summary>No region or credentials, an unknown profile, or a malformed endpoint override.</summary>
    public const string AwsConfiguration = "GMX6002";

    /// <summary>The project's aws-lambda-tools-defaults.json cannot be read or is not a JSON object.</summary>
    public const string ToolsDefaultsUnreadable = "GMX6003";

    /// <summary>The build was canceled while the task ran.</summary>
    public const string Canceled = "GMX6004";

    /// <summary>The summary file or the job summary cannot be written.</summary>
    public const string SummaryNotWritten = "GMX6005";

    /// <summary>Visual Studio's .NET Framework MSBuild: the task needs the .NET SDK's MSBuild (raised by the targets).</summary>
    public const string UnsupportedMSBuild = "GMX6006";

    /// <summary>AWS could not be reached, or answered in a way the engine could not turn into a plan or result.</summary>
    public const string AwsUnavailable = "GMX6007";
}
