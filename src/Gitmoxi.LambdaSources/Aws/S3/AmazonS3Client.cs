using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Aws.S3.Model;

namespace Gitmoxi.LambdaSources.Aws.S3;

/// <summary>
/// The two S3 operations the engine needs, REST-XML over <see cref="RestXmlProtocol"/>, signed as <c>s3</c>. A bucket is
/// addressed as botocore addresses it: virtual-hosted (<c>{bucket}.{endpoint host}</c>) when its name is a DNS label
/// and the endpoint's host is a name, path-style (<c>/{bucket}</c>) for an IP address endpoint (an emulator) or a
/// name with dots.
/// </summary>
internal sealed partial class AmazonS3Client
{
    private static readonly RestJsonOperation GetNotification =
        new("GetBucketNotificationConfiguration", HttpMethod.Get, "/{Bucket}", true);

    /// <summary>A PUT of the whole configuration: repeating it leaves the same configuration.</summary>
    private static readonly RestJsonOperation PutNotification =
        new("PutBucketNotificationConfiguration", HttpMethod.Put, "/{Bucket}", true);

    private readonly RestXmlProtocol _rest;
    private readonly AwsSettings _settings;

    public AmazonS3Client(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
    {
        _settings = settings;
        var errors = AwsServiceException.Factory(("NoSuchBucket", e => new NoSuchBucketException(e)));
        _rest = new RestXmlProtocol(new AwsRequestSender(httpClient, settings, AwsService.S3, errors, timeProvider, random, logger));
    }

    public async Task<GetBucketNotificationConfigurationResponse> GetBucketNotificationConfigurationAsync(
        GetBucketNotificationConfigurationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (operation, labels, prefix) = Address(GetNotification, request.Bucket);
        var document = await _rest.SendAsync(
            operation, labels, [("notification", string.Empty)], Owner(request.ExpectedBucketOwner), prefix, null, cancellationToken);
        return new GetBucketNotificationConfigurationResponse { NotificationConfiguration = NotificationConfiguration.Read(document) };
    }

    public async Task<PutBucketNotificationConfigurationResponse> PutBucketNotificationConfigurationAsync(
        PutBucketNotificationConfigurationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.NotificationConfiguration, "NotificationConfiguration");
        var (operation, labels, prefix) = Address(PutNotification, request.Bucket);
        await _rest.SendAsync(
            operation, labels, [("notification", string.Empty)], Owner(request.ExpectedBucketOwner), prefix,
            request.NotificationConfiguration!.ToXml(), cancellationToken);
        return new PutBucketNotificationConfigurationResponse();
    }

    /// <summary>Virtual-hosted or path-style, as botocore's S3 endpoint rules choose (see the class remarks).</summary>
    internal (RestJsonOperation Operation, (string, string?)[] Labels, string? HostPrefix) Address(RestJsonOperation operation, string? bucket)
    {
        RestJsonProtocol.Required(bucket, "Bucket");
        var host = _settings.GetEndpoint(AwsService.S3).Host;
        if (VirtualHostable().IsMatch(bucket!) && Uri.CheckHostName(host) == UriHostNameType.Dns)
        {
            return (operation with { Path = "/" }, [], bucket + ".");
        }

        return (operation, [("Bucket", bucket)], null);
    }

    private static (string, string?)[] Owner(string? account) => [("x-amz-expected-bucket-owner", account)];

    /// <summary>botocore's <c>isVirtualHostableS3Bucket(Bucket, false)</c>: a DNS label of 3 to 63 characters, no dots.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex VirtualHostable();
}
