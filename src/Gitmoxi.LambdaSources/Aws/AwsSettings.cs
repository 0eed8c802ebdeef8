using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Region, credentials, endpoints and retry bounds for every AWS client, fixed once at the edge.
/// Hosts build it with <see cref="FromEnvironment"/> from the environment they read themselves.
/// </summary>
public sealed class AwsSettings
{
    private const string RateLimitsVariable = "GITMOXI_AWS_RATE_LIMITS";

    internal AwsSettings(string region, AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Region = ValidateRegion(region);
        Credentials = credentials;
    }

    public string Region { get; }

    internal AWSCredentials Credentials { get; }

    /// <summary>Configured endpoint URLs and the FIPS / dual-stack choice, as <see cref="AwsEndpointConfiguration.FromEnvironment"/> reads them.</summary>
    internal AwsEndpointConfiguration Endpoints { get; init; } = AwsEndpointConfiguration.Default;

    /// <summary>Shorthand for an <see cref="Endpoints"/> that sends every service to one URL (an emulator).</summary>
    internal Uri? Endpoint
    {
        get => Endpoints.Endpoint;
        init => Endpoints = Endpoints with { Endpoint = value };
    }

    internal Backoff Retry { get; init; } = Backoff.AwsRequests;

    /// <summary>Client-side pacing of every call; AWS's documented quotas unless the host says otherwise.</summary>
    internal AwsRateLimits RateLimits { get; init; } = AwsRateLimits.Documented;

    /// <summary>Roles for accounts other than the credentials' own (<see cref="WithAccountRoles"/>); none by default.</summary>
    public AccountRoles AccountRoles { get; private init; } = AccountRoles.None;

    /// <summary>These settings with the roles a host was given for other accounts.</summary>
    public AwsSettings WithAccountRoles(AccountRoles roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return new AwsSettings(Region, Credentials) { Endpoints = Endpoints, Retry = Retry, RateLimits = RateLimits, AccountRoles = roles };
    }

    /// <summary>
    /// These settings in another Region and with other credentials (an assumed role): same endpoint configuration, retry
    /// policy and rate limits. Clients built from them get their own rate limiter, so each account and Region is paced apart,
    /// as AWS meters it.
    /// </summary>
    /// <exception cref="AwsConfigurationException">A malformed Region, or FIPS or dual-stack asked of a partition without it.</exception>
    internal AwsSettings For(string region, AWSCredentials credentials)
    {
        foreach (var service in AwsService.All)
        {
            Endpoints.Resolve(service, region);
        }

        return new AwsSettings(region, credentials) { Endpoints = Endpoints, Retry = Retry, RateLimits = RateLimits, AccountRoles = AccountRoles };
    }

    /// <summary>Where <paramref name="service"/>'s requests go in <see cref="Region"/> (<see cref="AwsEndpointConfiguration.Resolve"/>).</summary>
    internal Uri GetEndpoint(AwsService service) => Endpoints.Resolve(service, Region);

    /// <summary>
    /// Resolves settings the way the AWS CLI and SDKs do. Region: <paramref name="region"/>, else
    /// <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else the profile's region (the profile being
    /// <paramref name="profile"/>, else <c>AWS_PROFILE</c>, else <c>default</c>). Credentials: the named
    /// <paramref name="profile"/> if given, else AWSSDK.Core's default chain (environment, shared profile,
    /// web identity token file, container, instance metadata). Endpoints: as <see cref="AwsEndpointConfiguration.FromEnvironment"/>
    /// reads them from the environment and the profile.
    /// </summary>
    /// <param name="environment">The process environment as the host read it; the engine reads none itself.</param>
    /// <exception cref="AwsConfigurationException">No region, no credentials, an unknown profile or a malformed endpoint.</exception>
    public static AwsSettings FromEnvironment(
        IReadOnlyDictionary<string, string> environment,
        string? region = null,
        string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var profileStore = CreateProfileStore(environment);
        var profileName = NonEmpty(profile) ?? Lookup(environment, "AWS_PROFILE") ?? "default";
        var resolvedRegion = NonEmpty(region)
            ?? Lookup(environment, "AWS_REGION")
            ?? Lookup(environment, "AWS_DEFAULT_REGION")
            ?? ProfileRegion(profileStore, profileName)
            ?? throw new AwsConfigurationException(
                $"No AWS region is set: pass a region, set AWS_REGION or AWS_DEFAULT_REGION, or set 'region' in the AWS profile '{profileName}'.");
        var credentials = NonEmpty(profile) is { } named ? ProfileCredentials(profileStore, named) : DefaultChainCredentials();
        return FromCredentials(environment, resolvedRegion, credentials, profileName);
    }

    /// <summary>
    /// Endpoints as in <see cref="FromEnvironment"/>, with region and credentials already known (e.g. an assumed role);
    /// <paramref name="profile"/> (else <c>AWS_PROFILE</c>, else <c>default</c>) supplies the shared-config endpoint settings.
    /// Pacing: <c>GITMOXI_AWS_RATE_LIMITS</c> as <see cref="AwsRateLimits.Parse"/> reads it (AWS's documented quotas when unset).
    /// </summary>
    public static AwsSettings FromCredentials(
        IReadOnlyDictionary<string, string> environment,
        string region,
        AWSCredentials credentials,
        string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var endpoints = AwsEndpointConfiguration.FromEnvironment(environment, profile);
        // Fail here, before any call, when FIPS or dual-stack cannot be honoured in this region.
        foreach (var service in AwsService.All)
        {
            endpoints.Resolve(service, region);
        }

        return new AwsSettings(region, credentials)
        {
            Endpoints = endpoints,
            RateLimits = AwsRateLimits.Parse(Lookup(environment, RateLimitsVariable)),
        };
    }

    private static string ValidateRegion(string region)
    {
        // The region becomes part of a host name and of the signing scope, so only DNS-label characters pass.
        if (string.IsNullOrEmpty(region) || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new AwsConfigurationException($"'{region}' is not an AWS region name (expected something like 'us-east-1').");
        }

        return region;
    }

    private static CredentialProfileStoreChain CreateProfileStore(IReadOnlyDictionary<string, string> environment) =>
        Lookup(environment, "AWS_SHARED_CREDENTIALS_FILE") is { } file
            ? new CredentialProfileStoreChain(file)
            : new CredentialProfileStoreChain();

    private static string? ProfileRegion(CredentialProfileStoreChain store, string profileName) =>
        store.TryGetProfile(profileName, out var found) ? found.Region?.SystemName : null;

    private static AWSCredentials ProfileCredentials(CredentialProfileStoreChain store, string profileName)
    {
        if (!store.TryGetProfile(profileName, out _))
        {
            throw new AwsConfigurationException($"The AWS profile '{profileName}' was not found in the shared config or credentials file.");
        }

        return store.TryGetAWSCredentials(profileName, out var credentials)
            ? credentials
            : throw new AwsConfigurationException($"The AWS profile '{profileName}' has no usable credentials.");
    }

    private static AWSCredentials DefaultChainCredentials()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException e)
        {
            throw new AwsConfigurationException(
                "No AWS credentials were found (environment variables, shared profile, web identity token file, container or instance metadata). "
                + e.Message,
                e);
        }
    }

    private static string? Lookup(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) ? NonEmpty(value) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
