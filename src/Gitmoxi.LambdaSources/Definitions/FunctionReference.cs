using System.Text.RegularExpressions;

namespace Gitmoxi.LambdaSources.Definitions;

/// <summary>
/// A function as the Lambda API lets one name it: <c>name</c>, <c>name:qualifier</c>, a partial ARN
/// (<c>123456789012:function:name</c>) or a full ARN, each optionally qualified by an alias or version.
/// </summary>
internal sealed partial record FunctionReference(string? Partition, string? Region, string? Account, string Name, string? Qualifier)
{
    public const int MaxLength = 256;

    /// <summary>
    /// The botocore <c>NamespacedFunctionName</c> pattern, narrowed to the forms the API documents: the name part is
    /// limited to 64 characters of <c>[a-zA-Z0-9-_]</c>, and a region or account only appears inside an ARN.
    /// The schema's <c>FunctionName</c> pattern is the same expression without group names.
    /// </summary>
    [GeneratedRegex(
        @"^(?:arn:(?<partition>aws[a-zA-Z-]*):lambda:(?<region>(?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-[0-9]):(?<account>[0-9]{12}):function:|(?<account>[0-9]{12}):function:)?(?<name>[a-zA-Z0-9_-]{1,64})(?::(?<qualifier>\$LATEST|[a-zA-Z0-9_-]{1,128}))?\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();

    [GeneratedRegex(@"^(?:\$LATEST|[a-zA-Z0-9_-]{1,128})\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifierSyntax();

    /// <summary>The function without its qualifier, in the form it was written (name, partial ARN or ARN).</summary>
    public string Unqualified => (Partition, Account) switch
    {
        (not null, _) => $"arn:{Partition}:lambda:{Region}:{Account}:function:{Name}",
        (null, not null) => $"{Account}:function:{Name}",
        _ => Name,
    };

    public static FunctionReference? TryParse(string text)
    {
        if (text.Length > MaxLength)
        {
            return null;
        }

        var match = Syntax().Match(text);
        return match.Success
            ? new FunctionReference(Group(match, "partition"), Group(match, "region"), Group(match, "account"), match.Groups["name"].Value, Group(match, "qualifier"))
            : null;
    }

    /// <summary>An alias name, <c>$LATEST</c> or a version number: what Lambda accepts as a qualifier.</summary>
    public static bool IsValidQualifier(string text) => QualifierSyntax().IsMatch(text);

    /// <summary>
    /// Whether two references can name the same function: same name, and same account and region where both give one.
    /// </summary>
    public bool SameFunctionAs(FunctionReference other) =>
        Name == other.Name && Compatible(Account, other.Account) && Compatible(Region, other.Region) && Compatible(Partition, other.Partition);

    private static bool Compatible(string? a, string? b) => a is null || b is null || a == b;

    private static string? Group(Match match, string name) => match.Groups[name] is { Success: true } group ? group.Value : null;
}
