using Microsoft.Extensions.Logging;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// The engine's progress in the step log, as it happens: each outermost scope (a phase: reading, planning, applying)
/// is a collapsible <c>::group::</c>, each message a line inside it, written and flushed at once so a long wait shows
/// while it lasts. Messages never become annotations (the runner shows only 10 warnings per step, and they are kept
/// for diagnostics); line breaks in them are flattened so a user-supplied name cannot start a workflow command.
/// Outside GitHub (<paramref name="groups"/> false) a phase is a plain heading line: a terminal runs no commands.
/// </summary>
public sealed class WorkflowLogger(TextWriter output, WorkflowCommands commands, bool groups = true, LogLevel minimum = LogLevel.Information) : ILogger
{
    private readonly Lock gate = new();
    private int depth;

    public IDisposable BeginScope<TState>(TState state)
        where TState : notnull
    {
        lock (gate)
        {
            // The runner does not nest groups: inner scopes only count, so the outermost one closes the group.
            if (depth++ == 0)
            {
                var title = Flatten(state.ToString() ?? "");
                if (groups)
                {
                    commands.StartGroup(title);
                }
                else
                {
                    output.Write("== " + title + "\n");
                }

                output.Flush();
            }
        }

        return new Scope(this);
    }

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = Flatten(formatter(state, exception));
        lock (gate)
        {
            output.Write((logLevel >= LogLevel.Warning ? "Warning: " : "") + message + "\n");
            output.Flush();
        }
    }

    private static string Flatten(string text) => text.ReplaceLineEndings(" ");

    private void EndScope()
    {
        lock (gate)
        {
            if (--depth == 0 && groups)
            {
                commands.EndGroup();
                output.Flush();
            }
        }
    }

    private sealed class Scope(WorkflowLogger logger) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                logger.EndScope();
            }
        }
    }
}
