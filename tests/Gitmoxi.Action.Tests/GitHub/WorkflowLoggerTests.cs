using Gitmoxi.Action.GitHub;
using Microsoft.Extensions.Logging;

namespace Gitmoxi.Action.Tests.GitHub;

[TestClass]
public sealed partial class WorkflowLoggerTests
{
    private static string Log(bool groups)
    {
        using var output = new StringWriter();
        var logger = new WorkflowLogger(output, new WorkflowCommands(output), groups);
        using (logger.BeginScope("Applying the plan"))
        {
            using (logger.BeginScope("inner scope"))
            {
                Waiting(logger, "u-1\n::error::injected");
            }

            Failed(logger, "sqs:q");
            Detail(logger);
        }

        Waiting(logger, "u-2");
        return output.ToString();
    }

    [TestMethod]
    public void Inside_github_each_outermost_scope_is_one_group_and_messages_stay_plain_lines()
    {
        Assert.AreEqual(
            "::group::Applying the plan\n"
            + "Waiting for u-1 ::error::injected\n"
            + "Warning: Failed sqs:q\n"
            + "::endgroup::\n"
            + "Waiting for u-2\n",
            Log(groups: true));
    }

    [TestMethod]
    public void Outside_github_a_scope_is_a_heading_line()
    {
        Assert.AreEqual(
            "== Applying the plan\nWaiting for u-1 ::error::injected\nWarning: Failed sqs:q\nWaiting for u-2\n",
            Log(groups: false));
    }

    [LoggerMessage(1, LogLevel.Information, "Waiting for {Uuid}")]
    private static partial void Waiting(ILogger logger, string uuid);

    [LoggerMessage(2, LogLevel.Warning, "Failed {Address}")]
    private static partial void Failed(ILogger logger, string address);

    [LoggerMessage(3, LogLevel.Debug, "detail")]
    private static partial void Detail(ILogger logger);
}
