namespace Gitmoxi.LambdaSources.Diagnostics;

/// <summary>
/// An expected failure, with the code it is reported under (<see cref="DiagnosticCodes"/>): bad input, a plan file
/// that cannot be read, credentials refused, AWS out of reach. Hosts report it as that coded error and fail the run;
/// any other exception that escapes is a bug and is reported as one (<see cref="DiagnosticCodes.UnexpectedFailure"/>).
/// </summary>
public class GitmoxiException(string code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public string Code { get; } = code;

    /// <summary>The file position the failure is about, when there is one (a malformed settings file).</summary>
    public SourceSpan? Span { get; init; }

    public Diagnostic ToDiagnostic() => Diagnostic.Error(Code, Message, Span);
}
