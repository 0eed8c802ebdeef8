using System.Globalization;
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
    private const string EndpointVariable = "AWS_ENDPOINT_URL";
    private const string RateLimitsVariable = "GITMOXI_AWS_RATE_LIMITS";

    public AwsSettings(string region, AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        Region = ValidateRegion(region);
        Credentials = credentials;
    }

    public string Region { get; }

    public AWSCredentials Credentials { get; }

    /// <summary>Endpoint per service, keyed by <see cref="AwsService.EndpointEnvironmentKey"/> (e.g. <c>LAMBDA</c>).</summary>
    public IReadOnlyDictionary<string, Uri> ServiceEndpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Endpoint for every service without its own entry (<c>AWS_ENDPOINT_URL</c>).</summary>
    public Uri? Endpoint { get; init; }

    public AwsRetryOptions Retry { get; init; } = AwsRetryOptions.Default;

    /// <summary>Client-side pacing of every call; AWS's documented quotas unless the host says otherwise.</summary>
    public AwsRateLimits RateLimits { get; init; } = AwsRateLimits.Documented;

    /// <summary>The per-service override, else the general override, else the service's regional endpoint.</summary>
    public Uri GetEndpoint(AwsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (ServiceEndpoints.TryGetValue(service.EndpointEnvironmentKey, out var serviceEndpoint))
        {
            return serviceEndpoint;
        }

        if (Endpoint is not null)
        {
            return Endpoint;
        }

        var dnsSuffix = Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{service.EndpointPrefix}.{Region}.{dnsSuffix}"));
    }

    /// <summary>
    /// Resolves settings the way the AWS CLI and SDKs do. Region: <paramref name="region"/>, else
    /// <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>, else the profile's region (the profile being
    /// <paramref name="profile"/>, else <c>AWS_PROFILE</c>, else <c>default</c>). Credentials: the named
    /// <paramref name="profile"/> if given, else AWSSDK.Core's default chain (environment, shared profile,
    /// web identity token file, container, instance metadata). Endpoints: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>,
    /// then <c>AWS_ENDPOINT_URL</c>, unless <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> is true.
    /// </summary>
    /// <param name="environment">The process environment as the host read it; the engine reads none itself.</param>
    /// <exception cref="AwsConfigurationException">No region, no credentials, an unknown profile or a malformed endpoint.</exception>
    public static AwsSettings FromEnvironment(
        IReadOnlyDictionary<string, string> environment,
        string? region = null,
        string? profile = null,
        AwsRetryOptions? retry = null)
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
        return FromCredentials(environment, resolvedRegion, credentials, retry);
    }

    /// <summary>
    /// Endpoints and retries as in <see cref="FromEnvironment"/>, with region and credentials already known (e.g. an assumed role).
    /// Pacing: <c>GITMOXI_AWS_RATE_LIMITS</c> as <see cref="AwsRateLimits.Parse"/> reads it (AWS's documented quotas when unset).
    /// </summary>
    public static AwsSettings FromCredentials(
        IReadOnlyDictionary<string, string> environment,
        string region,
        AWSCredentials credentials,
        AwsRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var ignoreEndpoints = string.Equals(Lookup(environment, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);
        var serviceEndpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (!ignoreEndpoints)
        {
            foreach (var service in AwsService.All)
            {
                var variable = $"{EndpointVariable}_{service.EndpointEnvironmentKey}";
                if (ParseEndpoint(environment, variable) is { } endpoint)
                {
                    serviceEndpoints[service.EndpointEnvironmentKey] = endpoint;
                }
            }
        }

        return new AwsSettings(region, credentials)
        {
            ServiceEndpoints = serviceEndpoints,
            Endpoint = ignoreEndpoints ? null : ParseEndpoint(environment, EndpointVariable),
            Retry = retry ?? AwsRetryOptions.Default,
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

    private static Uri? ParseEndpoint(IReadOnlyDictionary<string, string> environment, string variable)
    {
        if (Lookup(environment, variable) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
        {
            return uri;
        }

        throw new AwsConfigurationException($"{variable} must be an absolute http or https URL without query, got '{text}'.");
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
