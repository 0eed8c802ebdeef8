using System.Text.RegularExpressions;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// The roles a host was given for accounts other than its credentials' own (Action input <c>account-roles</c>, MSBuild
/// property <c>GitmoxiAccountRoles</c>): a group whose <c>environment.account</c> is listed here is planned and applied
/// with that role, assumed with <c>sts:AssumeRole</c> from the run's own credentials (role chaining).
/// </summary>
public sealed partial class AccountRoles
{
    private readonly Dictionary<string, string> roles;

    private AccountRoles(Dictionary<string, string> roles) => this.roles = roles;

    public static AccountRoles None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Role ARN by 12-digit account id.</summary>
    public IReadOnlyDictionary<string, string> ByAccount => roles;

    /// <summary>
    /// Reads <c>ACCOUNT=ROLE_ARN</c> entries, one per line or separated by <c>;</c> (MSBuild lists); blank entries and
    /// lines starting with <c>#</c> are skipped, spaces around either side ignored.
    /// </summary>
    /// <param name="source">The input or property name, for messages (<c>account-roles</c>, <c>GitmoxiAccountRoles</c>).</param>
    /// <exception cref="GitmoxiException">An entry is malformed (GMX6111) or names a role of another account (GMX6112).</exception>
    public static AccountRoles Parse(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = text.Split(['\n', ';']).Select((entry, index) => (Text: entry.Trim(), Number: index + 1));
        foreach (var (entry, number) in entries.Where(e => e.Text.Length > 0 && !e.Text.StartsWith('#')))
        {
            var where = $"{source} entry {number}";
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                throw Invalid($"{where}: '{entry}' is not ACCOUNT=ROLE_ARN (e.g. 111122223333=arn:aws:iam::111122223333:role/deployer).");
            }

            var account = entry[..equals].Trim();
            var arn = entry[(equals + 1)..].Trim();
            if (!AccountId().IsMatch(account))
            {
                throw Invalid($"{where}: '{account}' is not an AWS account id (12 digits).");
            }

            if (RoleArn().Match(arn) is not { Success: true } match)
            {
                throw Invalid($"{where}: '{arn}' is not an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME).");
            }

            if (match.Groups["account"].Value != account)
            {
                throw new GitmoxiException(DiagnosticCodes.AccountRoleMismatch,
                    $"{where}: the role {arn} is in the account {match.Groups["account"].Value}, not {account}.");
            }

            if (!roles.TryAdd(account, arn))
            {
                throw Invalid($"{where}: the account {account} is given a role twice.");
            }
        }

        return new AccountRoles(roles);
    }

    private static GitmoxiException Invalid(string message) => new(DiagnosticCodes.AccountRoleInvalid, message);

    [GeneratedRegex(@"\A[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();

    // IAM's role name and path characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html).
    [GeneratedRegex(@"\Aarn:aws(-[a-z]+)*:iam::(?<account>[0-9]{12}):role/([\u0021-\u007E]+/)?[\w+=,.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
