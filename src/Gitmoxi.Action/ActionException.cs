namespace Gitmoxi.Action;

/// <summary>
/// An expected failure (bad input, missing runner file, credentials refused): the host reports its message
/// as an error annotation and exits non-zero. Anything else that escapes is a bug and is reported as one.
/// </summary>
public sealed class ActionException(string message, Exception? innerException = null) : Exception(message, innerException);
