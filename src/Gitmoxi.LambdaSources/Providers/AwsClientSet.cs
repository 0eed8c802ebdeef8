using System.Collections.Concurrent;
using Amazon.Runtime;

namespace Gitmoxi.LambdaSources.Providers;

/// <summary>Where one group is planned and applied: its Region, and the account it declares (null: none declared).</summary>
internal sealed record AwsPlacement(string Region, string? Account);

/// <summary>
/// The AWS clients of one run, per Region and account: a group is planned and applied in the Region its
/// <c>_lambdadepdef.json</c> declares (the run's Region when it declares none); a group that declares an account is
/// planned and applied with the role the host gave for that account, if any, and otherwise with the run's own
/// credentials, which must then belong to that account (<c>sts:GetCallerIdentity</c>, asked once per run and only when
/// some group declares an account). Each Region and account gets its own clients, with the run's endpoint resolution,
/// and so its own rate limiter: AWS meters calls per account and Region.
/// </summary>
internal sealed class AwsClientSet
{
    private readonly Func<string, AWSCredentials?, AwsClients> create;
    private readonly Func<CancellationToken, Task<string>> readCallerAccount;
    private readonly Func<string, string, CancellationToken, Task<AWSCredentials>> assume;
    private readonly AccountRoles roles;
    private readonly ConcurrentDictionary<(string Region, string? Account), Lazy<AwsClients>> clients = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<AWSCredentials>>> assumed = new(StringComparer.Ordinal);
    private readonly Lazy<Task<string>> callerAccount;

    /// <param name="create">The clients of one Region, with the given credentials (null: the run's own).</param>
    /// <param name="assume">The credentials of a role (account, role ARN).</param>
    public AwsClientSet(
        string defaultRegion,
        AccountRoles roles,
        Func<string, AWSCredentials?, AwsClients> create,
        Func<CancellationToken, Task<string>> readCallerAccount,
        Func<string, string, CancellationToken, Task<AWSCredentials>> assume)
    {
        DefaultRegion = defaultRegion;
        this.roles = roles;
        this.create = create;
        this.readCallerAccount = readCallerAccount;
        this.assume = assume;
        // Not bound to one caller's token: the first group to ask starts the call, every other waits for its answer.
        callerAccount = new Lazy<Task<string>>(() => this.readCallerAccount(CancellationToken.None));
    }

    /// <summary>The run's Region: where a group that declares none is planned and applied.</summary>
    public string DefaultRegion { get; }

    /// <summary>The clients of the run's Region and credentials.</summary>
    public AwsClients Default => Clients(DefaultRegion, null, null);

    /// <summary>Clients for every Region and account from <paramref name="settings"/>, over one connection pool.</summary>
    public static AwsClientSet Create(HttpClient http, AwsSettings settings, ILogger logger)
    {
        var sts = new AccountCredentials(new Aws.SecurityToken.AmazonSecurityTokenServiceClient(http, settings, logger: logger), logger);
        return new AwsClientSet(
            settings.Region,
            settings.AccountRoles,
            (region, credentials) => AwsClients.Create(http, settings.For(region, credentials ?? settings.Credentials), logger: logger),
            sts.CallerAccountAsync,
            sts.AssumeAsync);
    }


    /// <summary>The same clients in every Region, for tests that hand the engine their own clients.</summary>
    public static AwsClientSet Fixed(AwsClients clients, string region, string account) =>
        new(region, AccountRoles.None, (_, _) => clients, _ => Task.FromResult(account),
            (_, role, _) => throw new GitmoxiException(DiagnosticCodes.AccountRoleNotAssumed, $"No role can be assumed here ({role})."));

    /// <summary>Where <paramref name="function"/> is planned: its declared Region and account, else the run's Region.</summary>
    public AwsPlacement PlacementOf(FunctionDefinition function) =>
        new(function.Environment?.Region ?? DefaultRegion, function.Environment?.Account);

    /// <summary>
    /// The clients for <paramref name="placement"/>; with a declared account, first the role or the account check, so
    /// nothing of a group in the wrong account is read or written with the wrong credentials.
    /// </summary>
    /// <param name="where">Where the account was declared, for the mismatch error.</param>
    /// <exception cref="GitmoxiException">The account is not the credentials' and no role is given for it (GMX6110), STS failed (GMX6113, GMX6114), or the Region is unusable (GMX6002).</exception>
    public async Task<AwsClients> GetAsync(AwsPlacement placement, SourceSpan? where, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        if (placement.Account is not { } account)
        {
            return Clients(placement.Region, null, null);
        }

        if (roles.ByAccount.TryGetValue(account, out var roleArn))
        {
            var credentials = await assumed.GetOrAdd(account, _ => new Lazy<Task<AWSCredentials>>(() => assume(account, roleArn, CancellationToken.None)))
                .Value.WaitAsync(cancellationToken);
            return Clients(placement.Region, account, credentials);
        }

        var caller = await callerAccount.Value.WaitAsync(cancellationToken);
        if (caller != account)
        {
            throw new GitmoxiException(DiagnosticCodes.AccountMismatch,
                $"environment.account is {account}, but the run's credentials are in the account {caller}, and no role is given for {account} "
                + "(Action input account-roles, MSBuild property GitmoxiAccountRoles): nothing is changed.")
            {
                Span = where,
            };
        }

        return Clients(placement.Region, null, null);
    }

    private AwsClients Clients(string region, string? roleAccount, AWSCredentials? credentials) =>
        clients.GetOrAdd((region, roleAccount), key => new Lazy<AwsClients>(() => create(key.Region, credentials))).Value;
}
