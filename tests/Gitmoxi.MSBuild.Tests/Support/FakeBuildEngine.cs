using System.Collections;
using Microsoft.Build.Framework;

namespace Gitmoxi.MSBuild.Tests.Support;

/// <summary>Records what a task logs, the way MSBuild would receive it.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    public const string ProjectFile = "/projects/orders/Orders.csproj";

    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => ProjectFile;

    public IEnumerable<string> HighImportanceMessages =>
        Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message!);

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
}
