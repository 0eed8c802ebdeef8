using System.Xml.Linq;
using Gitmoxi.LambdaSources.Aws.SimpleNotificationService.Model;
using static Gitmoxi.LambdaSources.Aws.QueryProtocol;

namespace Gitmoxi.LambdaSources.Aws.SimpleNotificationService;

/// <summary>
/// Amazon SNS's Query API (<c>Version=2010-03-31</c>) over <see cref="QueryProtocol"/>: form-encoded requests (maps as
/// <c>Name.entry.N.key</c>/<c>.value</c>, per the botocore <c>sns</c> model), XML answers. Request and response classes
/// are generated from the checked-in botocore subset <c>sns-2010-03-31.json</c>.
/// </summary>
internal sealed class AmazonSimpleNotificationServiceClient(
    HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null, ILogger? logger = null)
{
    private readonly QueryProtocol _query = new(
        new AwsRequestSender(httpClient, settings, AwsService.Sns, AwsServiceException.Factory(("NotFound", e => new NotFoundException(e))), timeProvider, random, logger),
        "2010-03-31");

    public async Task<ListSubscriptionsByTopicResponse> ListSubscriptionsByTopicAsync(ListSubscriptionsByTopicRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.TopicArn, "TopicArn");
        var result = await _query.SendAsync(_query.NewForm("ListSubscriptionsByTopic").Add("TopicArn", request.TopicArn).Add("NextToken", request.NextToken), true, cancellationToken);
        return new ListSubscriptionsByTopicResponse
        {
            Subscriptions = Members(result, "Subscriptions").Select(s => new Subscription
            {
                SubscriptionArn = Text(s, "SubscriptionArn"),
                Owner = Text(s, "Owner"),
                Protocol = Text(s, "Protocol"),
                Endpoint = Text(s, "Endpoint"),
                TopicArn = Text(s, "TopicArn"),
            }).ToList(),
            NextToken = Text(result, "NextToken"),
        };
    }

    public async Task<GetSubscriptionAttributesResponse> GetSubscriptionAttributesAsync(GetSubscriptionAttributesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.SubscriptionArn, "SubscriptionArn");
        var result = await _query.SendAsync(_query.NewForm("GetSubscriptionAttributes").Add("SubscriptionArn", request.SubscriptionArn), true, cancellationToken);
        return new GetSubscriptionAttributesResponse { Attributes = ReadMap(Child(result, "Attributes")) };
    }

    /// <remarks>
    /// Subscribing an endpoint already subscribed with the same attributes answers that subscription again
    /// (https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html), so the call may be repeated.
    /// </remarks>
    public async Task<SubscribeResponse> SubscribeAsync(SubscribeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.TopicArn, "TopicArn");
        RestJsonProtocol.Required(request.Protocol, "Protocol");
        var form = _query.NewForm("Subscribe").Add("TopicArn", request.TopicArn).Add("Protocol", request.Protocol).Add("Endpoint", request.Endpoint);
        var i = 0;
        foreach (var (key, value) in request.Attributes ?? [])
        {
            i++;
            form.Add(string.Create(CultureInfo.InvariantCulture, $"Attributes.entry.{i}.key"), key)
                .Add(string.Create(CultureInfo.InvariantCulture, $"Attributes.entry.{i}.value"), value);
        }

        form.Add("ReturnSubscriptionArn", request.ReturnSubscriptionArn is { } returnArn ? (returnArn ? "true" : "false") : null);
        var result = await _query.SendAsync(form, true, cancellationToken);
        return new SubscribeResponse { SubscriptionArn = Text(result, "SubscriptionArn") };
    }

    /// <remarks>Sets one attribute to a value: repeating it leaves the same subscription.</remarks>
    public async Task<SetSubscriptionAttributesResponse> SetSubscriptionAttributesAsync(SetSubscriptionAttributesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.SubscriptionArn, "SubscriptionArn");
        RestJsonProtocol.Required(request.AttributeName, "AttributeName");
        await _query.SendAsync(
            _query.NewForm("SetSubscriptionAttributes").Add("SubscriptionArn", request.SubscriptionArn).Add("AttributeName", request.AttributeName)
                .Add("AttributeValue", request.AttributeValue),
            true,
            cancellationToken);
        return new SetSubscriptionAttributesResponse();
    }

    /// <remarks>Not idempotent: a repeated unsubscribe may answer <c>NotFound</c> for one that worked.</remarks>
    public async Task<UnsubscribeResponse> UnsubscribeAsync(UnsubscribeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RestJsonProtocol.Required(request.SubscriptionArn, "SubscriptionArn");
        await _query.SendAsync(_query.NewForm("Unsubscribe").Add("SubscriptionArn", request.SubscriptionArn), false, cancellationToken);
        return new UnsubscribeResponse();
    }

    private static Dictionary<string, string> ReadMap(XElement? map) =>
        (map?.Elements().Where(e => e.Name.LocalName == "entry") ?? [])
            .Select(e => (Key: Text(e, "key"), Value: Child(e, "value")?.Value ?? string.Empty))
            .Where(e => e.Key is not null)
            .ToDictionary(e => e.Key!, e => e.Value, StringComparer.Ordinal);
}
