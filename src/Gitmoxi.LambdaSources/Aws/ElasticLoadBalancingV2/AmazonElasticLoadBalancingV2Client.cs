using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;

/// <summary>
/// Elastic Load Balancing v2's Query API (<c>Version=2015-12-01</c>) over <see cref="AwsRequestSender"/>: requests are
/// form-encoded POSTs (lists as <c>Name.member.N</c>, structures as <c>Name.member.N.Member</c>, per the botocore
/// <c>elbv2</c> model), answers are XML read by element local names with <see cref="XDocument"/> (no reflection,
/// no DTDs), so the client stays AOT-safe.
/// </summary>
public sealed class AmazonElasticLoadBalancingV2Client : IAmazonElasticLoadBalancingV2
{
    private const string ApiVersion = "2015-12-01";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly AwsRequestSender _sender;

    public AmazonElasticLoadBalancingV2Client(HttpClient httpClient, AwsSettings settings, TimeProvider? timeProvider = null, Random? random = null)
    {
        _sender = new AwsRequestSender(
            httpClient, settings, AwsService.ElasticLoadBalancingV2, AmazonElasticLoadBalancingV2Exception.Create, timeProvider, random);
        Paginators = new ElasticLoadBalancingV2PaginatorFactory(this);
    }

    public IElasticLoadBalancingV2PaginatorFactory Paginators { get; }

    public async Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new Form("DescribeTargetGroups")
            .Add("LoadBalancerArn", request.LoadBalancerArn)
            .AddList("TargetGroupArns", request.TargetGroupArns)
            .AddList("Names", request.Names)
            .Add("Marker", request.Marker)
            .Add("PageSize", request.PageSize?.ToString(CultureInfo.InvariantCulture));
        var result = await SendAsync(form, isIdempotent: true, cancellationToken);
        return new DescribeTargetGroupsResponse
        {
            TargetGroups = Members(result, "TargetGroups").Select(ReadTargetGroup).ToList(),
            NextMarker = Text(result, "NextMarker"),
        };
    }

    public async Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.TargetGroupArn, "TargetGroupArn");
        var form = new Form("DescribeTargetHealth")
            .Add("TargetGroupArn", request.TargetGroupArn)
            .AddTargets(request.Targets);
        var result = await SendAsync(form, isIdempotent: true, cancellationToken);
        return new DescribeTargetHealthResponse
        {
            TargetHealthDescriptions = Members(result, "TargetHealthDescriptions").Select(d => new TargetHealthDescription
            {
                Target = Child(d, "Target") is { } target ? ReadTarget(target) : null,
                HealthCheckPort = Text(d, "HealthCheckPort"),
                TargetHealth = Child(d, "TargetHealth") is { } health
                    ? new TargetHealth { State = Text(health, "State"), Reason = Text(health, "Reason"), Description = Text(health, "Description") }
                    : null,
            }).ToList(),
        };
    }

    /// <remarks>Registering a registered target changes nothing, so the call may be repeated.</remarks>
    public async Task<RegisterTargetsResponse> RegisterTargetsAsync(RegisterTargetsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.TargetGroupArn, "TargetGroupArn");
        Required(request.Targets, "Targets");
        await SendAsync(new Form("RegisterTargets").Add("TargetGroupArn", request.TargetGroupArn).AddTargets(request.Targets), isIdempotent: true, cancellationToken);
        return new RegisterTargetsResponse();
    }

    /// <remarks>Not idempotent: a repeated deregistration answers <c>InvalidTarget</c> for one that worked.</remarks>
    public async Task<DeregisterTargetsResponse> DeregisterTargetsAsync(DeregisterTargetsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Required(request.TargetGroupArn, "TargetGroupArn");
        Required(request.Targets, "Targets");
        await SendAsync(new Form("DeregisterTargets").Add("TargetGroupArn", request.TargetGroupArn).AddTargets(request.Targets), isIdempotent: false, cancellationToken);
        return new DeregisterTargetsResponse();
    }

    /// <returns>The <c>{Operation}Result</c> element (empty for operations that return nothing).</returns>
    private async Task<XElement> SendAsync(Form form, bool isIdempotent, CancellationToken cancellationToken)
    {
        var response = await _sender.SendAsync(
            new AwsRequest
            {
                Operation = form.Operation,
                Method = HttpMethod.Post,
                ResourcePath = "/",
                Body = Encoding.UTF8.GetBytes(form.ToString()),
                ContentType = FormContentType,
                IsIdempotent = isIdempotent,
            },
            cancellationToken);

        if (response.Body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return new XElement(form.Operation + "Result");
        }

        try
        {
            using var stream = new MemoryStream(response.Body, writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var root = XDocument.Load(reader).Root!;
            return Child(root, form.Operation + "Result") ?? new XElement(form.Operation + "Result");
        }
        catch (XmlException e)
        {
            throw new AwsUnexpectedResponseException(
                form.Operation, $"{form.Operation} succeeded, but its answer is not the XML the API defines: {e.Message}", e);
        }
    }

    private static TargetGroup ReadTargetGroup(XElement group) => new()
    {
        TargetGroupArn = Text(group, "TargetGroupArn"),
        TargetGroupName = Text(group, "TargetGroupName"),
        TargetType = Text(group, "TargetType"),
        Protocol = Text(group, "Protocol"),
        Port = Int(group, "Port"),
        VpcId = Text(group, "VpcId"),
        HealthCheckEnabled = Text(group, "HealthCheckEnabled") is { } enabled ? enabled == "true" : null,
        LoadBalancerArns = Members(group, "LoadBalancerArns").Select(e => e.Value).ToList(),
    };

    private static TargetDescription ReadTarget(XElement target) => new()
    {
        Id = Text(target, "Id"),
        Port = Int(target, "Port"),
        AvailabilityZone = Text(target, "AvailabilityZone"),
    };

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static IEnumerable<XElement> Members(XElement parent, string listName) =>
        Child(parent, listName)?.Elements().Where(e => e.Name.LocalName == "member") ?? [];

    private static string? Text(XElement parent, string localName) => Child(parent, localName)?.Value is { Length: > 0 } text ? text : null;

    private static int? Int(XElement parent, string localName) =>
        int.TryParse(Text(parent, localName), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static void Required(object? value, string member)
    {
        if (value is null || value is string { Length: 0 })
        {
            throw new ArgumentException($"The request member {member} is required.");
        }
    }

    /// <summary>A Query-protocol request body; values are percent-encoded per RFC 3986.</summary>
    private sealed class Form(string operation)
    {
        private readonly List<KeyValuePair<string, string>> _parameters = [new("Action", operation), new("Version", ApiVersion)];

        public string Operation => operation;

        public Form Add(string name, string? value)
        {
            if (value is not null)
            {
                _parameters.Add(new(name, value));
            }

            return this;
        }

        public Form AddList(string name, List<string>? values)
        {
            for (var i = 0; i < (values?.Count ?? 0); i++)
            {
                Add(string.Create(CultureInfo.InvariantCulture, $"{name}.member.{i + 1}"), values![i]);
            }

            return this;
        }

        public Form AddTargets(List<TargetDescription>? targets)
        {
            for (var i = 0; i < (targets?.Count ?? 0); i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"Targets.member.{i + 1}.");
                Add(prefix + "Id", targets![i].Id);
                Add(prefix + "Port", targets[i].Port?.ToString(CultureInfo.InvariantCulture));
                Add(prefix + "AvailabilityZone", targets[i].AvailabilityZone);
            }

            return this;
        }

        public override string ToString() =>
            string.Join('&', _parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
