using System.Collections.Immutable;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// Registers secrets with the runner (<c>::add-mask::</c>) and remembers them so that
/// <see cref="ScrubbingTextWriter"/> can blank them out of anything this process prints, in case a value
/// reaches the log some way the runner's own masking does not catch.
/// </summary>
public sealed class SecretMasker(TextWriter rawOutput)
{
    public const string Mask = "***";

    private readonly WorkflowCommands _commands = new(rawOutput);
    private readonly Lock _gate = new();
    private ImmutableArray<string> _secrets = [];

    /// <summary>
    /// Call before the value is used anywhere else. The command goes to the unscrubbed stdout, since
    /// scrubbing it would register <c>***</c> instead of the secret.
    /// </summary>
    public void Register(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return;
        }

        lock (_gate)
        {
            if (_secrets.Contains(secret))
            {
                return;
            }

            _commands.AddMask(secret);
            rawOutput.Flush();

            // The runner masks each line of a multi-line secret as well; so does the scrubber.
            var parts = secret.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Append(secret)
                .Where(part => part.Length > 0 && !_secrets.Contains(part));
            _secrets = [.. _secrets.Concat(parts).Distinct().OrderByDescending(part => part.Length)];
        }
    }

    public string Scrub(string text)
    {
        var secrets = _secrets;
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
