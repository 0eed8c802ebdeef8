using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Microsoft.Extensions.Logging;
using ILogger = Microsoft.Extensions.Logging.ILogger;

namespace Gitmoxi.MSBuild;

/// <summary>
/// The engine's progress as build messages, as they come: normal importance, so <c>dotnet publish</c> shows them at
/// its default verbosity's detailed logs and <c>-v:n</c>, and a quiet build stays quiet. A phase (a logger scope) is a
/// message of its own. Progress never becomes a warning or an error: those come from the outcome's diagnostics.
/// </summary>
internal sealed class TaskLogger(TaskLoggingHelper log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        log.LogMessage(MessageImportance.Normal, "{0}", state.ToString());
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var importance = logLevel >= LogLevel.Information ? MessageImportance.Normal : MessageImportance.Low;
        log.LogMessage(importance, "{0}", formatter(state, exception));
    }
}
