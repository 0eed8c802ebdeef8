using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// Where each service's requests go, resolved one way for every client (Lambda, ELBv2, API Gateway v2 and the
/// Action's STS): a configured endpoint URL if there is one, else the service's endpoint in the region's partition,
/// FIPS and dual-stack variants included.
/// </summary>
/// <remarks>
/// Partitions (name, DNS suffixes, FIPS and dual-stack support) come from the partition data AWSSDK.Core carries,
/// through its public, AOT-safe <see cref="Fn.Partition(string)"/>, the function the SDK's own generated endpoint
/// providers call: aws, aws-cn, aws-us-gov, aws-iso (<c>us-iso-*</c>), aws-iso-b (<c>us-isob-*</c>), aws-iso-e
/// (<c>eu-isoe-*</c>), aws-iso-f (<c>us-isof-*</c>) and aws-eusc (<c>eusc-*</c>); a region no partition claims
/// resolves in <c>aws</c>, as in every SDK. The host templates are those of the four services' endpoint rule sets
/// (<c>endpoint-rule-set-1.json</c> in botocore and the SDKs), which reduce to
/// <c>https://{prefix}[-fips].{region}.{dnsSuffix | dualStackDnsSuffix}</c> with one exception, see
/// <see cref="AwsService.GovCloudFipsIsStandardHost"/>. Tests compare every partition × service × variant with
/// botocore's resolver.
/// </remarks>
public sealed record AwsEndpointConfiguration
{
    private const string EndpointVariable = "AWS_ENDPOINT_URL";

    public static AwsEndpointConfiguration Default { get; } = new();

    /// <summary>Endpoint for every service without its own (<c>AWS_ENDPOINT_URL</c>, else the profile's <c>endpoint_url</c>).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>
    /// Endpoint per service, keyed by <see cref="AwsService.EndpointEnvironmentKey"/> (<c>AWS_ENDPOINT_URL_LAMBDA</c>,
    /// else, without <c>AWS_ENDPOINT_URL</c>, <c>endpoint_url</c> under <c>lambda</c> in the profile's <c>services</c> section).
    /// </summary>
    public IReadOnlyDictionary<string, Uri> ServiceEndpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary><c>AWS_USE_FIPS_ENDPOINT</c>, else the profile's <c>use_fips_endpoint</c>.</summary>
    public bool UseFips { get; init; }

    /// <summary><c>AWS_USE_DUALSTACK_ENDPOINT</c>, else the profile's <c>use_dualstack_endpoint</c>.</summary>
    public bool UseDualStack { get; init; }

    /// <exception cref="AwsConfigurationException">FIPS or dual-stack asked of a partition without it (the rule sets' error).</exception>
    public Uri Resolve(AwsService service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var configured = ServiceEndpoints.TryGetValue(service.EndpointEnvironmentKey, out var own) ? own : Endpoint;
        if (configured is not null)
        {
            // A configured URL is used as given, FIPS and dual-stack settings notwithstanding (as botocore does).
            return configured;
        }

        var partition = Fn.Partition(region);
        if ((UseFips && !partition.supportsFIPS) || (UseDualStack && !partition.supportsDualStack))
        {
            throw new AwsConfigurationException(
                $"The {partition.name} partition of region {region} has no {(UseFips && !partition.supportsFIPS ? "FIPS" : "dual-stack")} endpoints; unset AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT.");
        }

        if (service.IsS3)
        {
            if (UseFips && partition.name == "aws-cn")
            {
                // S3's rule set refuses FIPS in China, where the partition data allows it for other services.
                throw new AwsConfigurationException($"S3 in the {partition.name} partition of region {region} has no FIPS endpoints; unset AWS_USE_FIPS_ENDPOINT.");
            }

            // S3's rule set: s3[-fips][.dualstack].{region}.{dnsSuffix}, and in us-east-1 without either variant the global
            // s3.amazonaws.com botocore sends to (its us_east_1_regional_endpoint defaults to legacy).
            var host = UseFips || UseDualStack || region != "us-east-1"
                ? $"s3{(UseFips ? "-fips" : "")}{(UseDualStack ? ".dualstack" : "")}.{region}.{partition.dnsSuffix}"
                : "s3.amazonaws.com";
            return new Uri("https://" + host);
        }

        var standardInGovCloud = UseDualStack ? service.GovCloudFipsDualStackIsStandardHost : service.GovCloudFipsIsStandardHost;
        var fipsSuffix = UseFips && !(standardInGovCloud && partition.name == "aws-us-gov") ? "-fips" : "";
        var dnsSuffix = UseDualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{service.EndpointPrefix}{fipsSuffix}.{region}.{dnsSuffix}"));
    }

    /// <summary>
    /// Reads the endpoint settings as the AWS CLI and SDKs do (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
    /// per service <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, then <c>AWS_ENDPOINT_URL</c>, then the profile's <c>services</c>
    /// section, then the profile's <c>endpoint_url</c>; none of them when
    /// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> (or the profile's <c>ignore_configured_endpoint_urls</c>) is true.
    /// The profile is <paramref name="profile"/>, else <c>AWS_PROFILE</c>, else <c>default</c>, in
    /// <c>AWS_CONFIG_FILE</c> or <c>~/.aws/config</c>.
    /// </summary>
    /// <param name="environment">The process environment as the host read it.</param>
    /// <exception cref="AwsConfigurationException">A malformed URL or a flag that is neither true nor false.</exception>
    public static AwsEndpointConfiguration FromEnvironment(IReadOnlyDictionary<string, string> environment, string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var profileName = NonEmpty(profile) ?? Lookup(environment, "AWS_PROFILE") ?? "default";
        var config = SharedConfigFile.Read(Lookup(environment, "AWS_CONFIG_FILE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "config"));
        var profileSection = config.Profile(profileName);
        string? FromProfile(string key) => profileSection.TryGetValue(key, out var value) ? NonEmpty(value) : null;

        var useFips = Flag(environment, "AWS_USE_FIPS_ENDPOINT", FromProfile("use_fips_endpoint"), "use_fips_endpoint");
        var useDualStack = Flag(environment, "AWS_USE_DUALSTACK_ENDPOINT", FromProfile("use_dualstack_endpoint"), "use_dualstack_endpoint");
        if (Flag(environment, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", FromProfile("ignore_configured_endpoint_urls"), "ignore_configured_endpoint_urls"))
        {
            return new AwsEndpointConfiguration { UseFips = useFips, UseDualStack = useDualStack };
        }

        // botocore's order: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the services section, the profile's endpoint_url.
        var general = ParseEndpoint(Lookup(environment, EndpointVariable), EndpointVariable);
        var services = FromProfile("services") is { } servicesName ? config.Services(servicesName) : new Dictionary<string, IReadOnlyDictionary<string, string>>();
        var serviceEndpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var service in AwsService.All)
        {
            var variable = $"{EndpointVariable}_{service.EndpointEnvironmentKey}";
            var serviceKey = service.EndpointEnvironmentKey.ToLowerInvariant();
            var fromSection = general is null
                && services.TryGetValue(serviceKey, out var settings) && settings.TryGetValue("endpoint_url", out var url) ? NonEmpty(url) : null;
            var endpoint = ParseEndpoint(Lookup(environment, variable), variable)
                ?? ParseEndpoint(fromSection, $"endpoint_url of {serviceKey} in the services section of profile '{profileName}'");
            if (endpoint is not null)
            {
                serviceEndpoints[service.EndpointEnvironmentKey] = endpoint;
            }
        }

        return new AwsEndpointConfiguration
        {
            Endpoint = general ?? ParseEndpoint(FromProfile("endpoint_url"), $"endpoint_url of profile '{profileName}'"),
            ServiceEndpoints = serviceEndpoints,
            UseFips = useFips,
            UseDualStack = useDualStack,
        };
    }

    private static bool Flag(IReadOnlyDictionary<string, string> environment, string variable, string? profileValue, string profileKey)
    {
        var (text, source) = Lookup(environment, variable) is { } value ? (value, variable) : (profileValue, profileKey);
        return text switch
        {
            null => false,
            _ when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            _ when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new AwsConfigurationException($"{source} must be true or false, got '{text}'."),
        };
    }

    private static Uri? ParseEndpoint(string? text, string source)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
        {
            return uri;
        }

        throw new AwsConfigurationException($"{source} must be an absolute http or https URL without query, got '{text}'.");
    }

    private static string? Lookup(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) ? NonEmpty(value) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
