using Gitmoxi.LambdaSources.Diagnostics;

namespace Gitmoxi.Action.GitHub;

/// <summary>
/// <c>core.getInput</c> / <c>core.getBooleanInput</c> with the toolkit's exact semantics. Values given on the
/// command line (local runs) take precedence over <c>INPUT_*</c> variables and go through the same rules.
/// </summary>
public sealed class ActionInputs(RunnerEnvironment environment, IReadOnlyDictionary<string, string>? overrides = null)
{
    private readonly IReadOnlyDictionary<string, string> _overrides = overrides ?? new Dictionary<string, string>();

    /// <summary>The runner's variable name: only spaces become <c>_</c>; hyphens are kept (<c>INPUT_ROLE-TO-ASSUME</c>).</summary>
    public static string VariableName(string name) => "INPUT_" + name.Replace(' ', '_').ToUpperInvariant();

    public string GetInput(string name, bool required = false, bool trimWhitespace = true)
    {
        var value = _overrides.TryGetValue(name, out var given) ? given : environment.Get(VariableName(name)) ?? "";

        // The toolkit checks before trimming, so a whitespace-only value counts as supplied.
        if (required && value.Length == 0)
        {
            throw new GitmoxiException(DiagnosticCodes.InvalidProperty, $"Input required and not supplied: {name}");
        }

        return trimWhitespace ? TrimLikeJavaScript(value) : value;
    }

    /// <summary>YAML 1.2 core-schema booleans only; anything else, the empty string included, is an error.</summary>
    public bool GetBooleanInput(string name, bool required = false)
    {
        var value = GetInput(name, required);
        return value switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw new GitmoxiException(
                DiagnosticCodes.InvalidProperty,
                $"Input does not meet YAML 1.2 \"Core Schema\" specification: {name}\n" +
                "Support boolean input list: `true | True | TRUE | false | False | FALSE`"),
        };
    }

    /// <summary>JavaScript's <c>trim()</c> also strips U+FEFF, which <see cref="string.Trim()"/> keeps.</summary>
    private static string TrimLikeJavaScript(string value)
    {
        static bool IsTrimmed(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';
        var start = 0;
        var end = value.Length;
        while (start < end && IsTrimmed(value[start]))
        {
            start++;
        }

        while (end > start && IsTrimmed(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }
}
