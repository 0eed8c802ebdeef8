using System.Text;
using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// <c>core.setOutput</c>: appends <c>name&lt;&lt;ghadelimiter_{uuid}</c> heredocs to <c>GITHUB_OUTPUT</c>, with the
/// toolkit's checks and error texts. The delimiter id source is injectable so tests can compare whole files.
/// </summary>
public sealed class StepOutputs(RunnerEnvironment environment, Func<string> newId)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public StepOutputs(RunnerEnvironment environment)
        : this(environment, () => Guid.NewGuid().ToString())
    {
    }

    public void Set(string name, string value)
    {
        var path = environment.OutputFile
            ?? throw new GitmoxiException(DiagnosticCodes.StepOutputNotWritten, "Unable to find environment variable for file command OUTPUT");
        if (!File.Exists(path))
        {
            throw new GitmoxiException(DiagnosticCodes.StepOutputNotWritten, $"Missing file at path: {path}");
        }

        File.AppendAllText(path, Heredoc(name, value) + "\n", Utf8NoBom);
    }

    private string Heredoc(string name, string value)
    {
        var delimiter = "ghadelimiter_" + newId();
        if (name.Contains(delimiter, StringComparison.Ordinal))
        {
            throw new GitmoxiException(DiagnosticCodes.StepOutputNotWritten, $"Unexpected input: name should not contain the delimiter \"{delimiter}\"");
        }

        if (value.Contains(delimiter, StringComparison.Ordinal))
        {
            throw new GitmoxiException(DiagnosticCodes.StepOutputNotWritten, $"Unexpected input: value should not contain the delimiter \"{delimiter}\"");
        }

        return $"{name}<<{delimiter}\n{value}\n{delimiter}";
    }
}
