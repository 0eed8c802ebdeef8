using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Aws.S3;
using Gitmoxi.LambdaSources.Aws.S3.Model;

namespace Gitmoxi.LambdaSources.Tests.Aws;

/// <summary>
/// Every request shape the engine signs, signed again by botocore's <c>SigV4Auth</c> from the request as it went on the
/// wire, the same credentials and the same clock: the Authorization header and the canonical request must be equal.
/// </summary>
[TestClass]
public sealed class SigV4BotocoreTests
{
    private const string MappingArn = "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:abc";

    public TestContext TestContext { get; set; } = null!;

    private static IEnumerable<(string Name, AwsRequest Request)> Cases()
    {
        (string, AwsRequest) Untag(string name, params string[] keys) => (name, new AwsRequest
        {
            Operation = "UntagResource",
            Method = HttpMethod.Delete,
            ResourcePath = "/2017-03-31/tags/{Resource}",
            PathLabels = new Dictionary<string, string> { ["Resource"] = MappingArn },
            Query = [.. keys.Select(k => KeyValuePair.Create("tagKeys", k))],
            IsIdempotent = true,
        });

        yield return Untag("hyphen beside colon", "team-a", "team:a");
        yield return Untag("colon beside hyphen", "team:a", "team-a");
        yield return Untag("dot beside slash", "app/name", "app.name");
        yield return Untag("non-ASCII beside ASCII", "équipe", "equipe", "チーム", "z");
        yield return Untag("reserved characters", "a b", "a+b", "a=b", "a&b", "a~b", "a*b", "a%b", "a_b", "A");
        yield return Untag("empty and prefix values", "ab", "a", string.Empty, "a!");
        yield return ("names whose encoded order differs from their raw order", new AwsRequest
        {
            Operation = "Synthetic",
            Method = HttpMethod.Get,
            ResourcePath = "/2015-03-31/event-source-mappings/",
            Query = [new("b:c", "1"), new("b-c", "2"), new("Marker", "x+/=="), new("FunctionName", "arn:aws:lambda:us-east-1:1:function:f")],
            IsIdempotent = true,
        });
        yield return ("ARN, qualifier and unicode in the path", new AwsRequest
        {
            Operation = "GetPolicy",
            Method = HttpMethod.Get,
            ResourcePath = "/2015-03-31/functions/{FunctionName}/policy",
            PathLabels = new Dictionary<string, string> { ["FunctionName"] = "arn:aws:lambda:us-east-1:123456789012:function:f-é 1" },
            Query = [new("Qualifier", "$LATEST")],
            IsIdempotent = true,
        });
        yield return ("JSON body", new AwsRequest
        {
            Operation = "AddPermission",
            Method = HttpMethod.Post,
            ResourcePath = "/2015-03-31/functions/{FunctionName}/policy",
            PathLabels = new Dictionary<string, string> { ["FunctionName"] = "f1" },
            Query = [new("Qualifier", "live")],
            Body = """{"StatementId":"s1","Action":"lambda:InvokeFunction"}"""u8.ToArray(),
            ContentType = "application/json",
            IsIdempotent = false,
        });
        yield return ("Query protocol form body", new AwsRequest
        {
            Operation = "DeregisterTargets",
            Method = HttpMethod.Post,
            ResourcePath = "/",
            Body = "Action=DeregisterTargets&Version=2015-12-01&Targets.member.1.Id=arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af"u8.ToArray(),
            ContentType = "application/x-www-form-urlencoded; charset=utf-8",
            IsIdempotent = false,
        });
    }

    [TestMethod]
    public async Task Every_request_shape_is_signed_as_botocore_signs_it()
    {
        var session = new SessionAWSCredentials(AwsTestSetup.AccessKey, AwsTestSetup.SecretKey, "SESSION/TOKEN+=");
        var cases = Cases().ToList();
        var ours = new List<(string Name, RecordedRequest Sent, string Canonical)>();
        foreach (var (name, request) in cases)
        {
            var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, "{}");
            var settings = new AwsSettings("eu-west-1", session);
            var sender = new AwsRequestSender(
                new HttpClient(handler), settings, AwsService.Lambda, error => new AwsServiceException(error),
                new ManualTimeProvider(AwsTestSetup.DocumentationTime));
            await sender.SendAsync(request, TestContext.CancellationToken);
            var canonical = SigV4Signer.Sign(
                request.Method,
                settings.GetEndpoint(AwsService.Lambda),
                request.ResourcePath,
                request.PathLabels.ToDictionary(p => "{" + p.Key + "}", p => p.Value),
                request.Query,
                request.ContentType is { } type ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = type } : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
                request.Body ?? [],
                await session.GetCredentialsAsync(),
                "eu-west-1",
                "lambda",
                AwsTestSetup.DocumentationTime.UtcDateTime);
            ours.Add((name, handler.Requests.Single(), canonical));
        }

        var reference = await Botocore.RunAsync("botocore_sign.py", SigningInput(ours.Select(o => o.Sent), "eu-west-1", "lambda", session), TestContext.CancellationToken);

        for (var i = 0; i < ours.Count; i++)
        {
            var (name, sent, canonical) = ours[i];
            Assert.AreEqual((string)reference[i]!["canonical_request"]!, canonical, $"canonical request of '{name}'");
            Assert.AreEqual((string)reference[i]!["authorization"]!, sent.Headers["Authorization"], $"Authorization of '{name}'");
        }
    }

    [TestMethod]
    public async Task UntagResource_with_keys_whose_encoded_order_differs_is_signed_as_botocore_signs_it()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.NoContent);

        await AwsTestSetup.Lambda(handler).UntagResourceAsync(
            new UntagResourceRequest { Resource = MappingArn, TagKeys = ["team-a", "team:a", "app.name", "app/name", "é", "e"] },
            TestContext.CancellationToken);

        var sent = handler.Requests.Single();
        var reference = await Botocore.RunAsync(
            "botocore_sign.py",
            SigningInput([sent], "us-east-1", "lambda", new BasicAWSCredentials(AwsTestSetup.AccessKey, AwsTestSetup.SecretKey)),
            TestContext.CancellationToken);
        Assert.AreEqual((string)reference[0]!["authorization"]!, sent.Headers["Authorization"]);
        // Encoded forms in byte order: '%' (0x25) sorts before '-' (0x2D), '.' (0x2E) and every letter.
        Assert.AreEqual(
            "tagKeys=%C3%A9&tagKeys=app%2Fname&tagKeys=app.name&tagKeys=e&tagKeys=team%3Aa&tagKeys=team-a",
            ((string)reference[0]!["canonical_request"]!).Split('\n')[2]);
    }

    [TestMethod]
    public async Task S3_requests_virtual_hosted_and_path_style_are_signed_as_botocore_signs_them()
    {
        var credentials = new BasicAWSCredentials(AwsTestSetup.AccessKey, AwsTestSetup.SecretKey);
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK).Reply(HttpStatusCode.OK).Reply(HttpStatusCode.OK);
        var clock = new ManualTimeProvider(AwsTestSetup.DocumentationTime);
        var regional = new AmazonS3Client(new HttpClient(handler), new AwsSettings("eu-west-1", credentials), clock);
        var emulator = new AmazonS3Client(new HttpClient(handler), new AwsSettings("eu-west-1", credentials) { Endpoint = new Uri("http://127.0.0.1:5000") }, clock);
        var configuration = new NotificationConfiguration([NotificationEntry.Lambda(
            "gitmoxi-1", "arn:aws:lambda:eu-west-1:123456789012:function:f:live", ["s3:ObjectCreated:*"], [new FilterRule("prefix", "in/é ")])]);

        await regional.GetBucketNotificationConfigurationAsync(
            new GetBucketNotificationConfigurationRequest { Bucket = "uploads-bucket", ExpectedBucketOwner = "123456789012" }, TestContext.CancellationToken);
        await regional.PutBucketNotificationConfigurationAsync(
            new PutBucketNotificationConfigurationRequest { Bucket = "uploads.with.dots", NotificationConfiguration = configuration }, TestContext.CancellationToken);
        await emulator.GetBucketNotificationConfigurationAsync(
            new GetBucketNotificationConfigurationRequest { Bucket = "uploads-bucket" }, TestContext.CancellationToken);

        Assert.AreEqual(
            "https://uploads-bucket.s3.eu-west-1.amazonaws.com/?notification=\n"
            + "https://s3.eu-west-1.amazonaws.com/uploads.with.dots?notification=\n"
            + "http://127.0.0.1:5000/uploads-bucket?notification=",
            string.Join('\n', handler.Requests.Select(r => r.Uri.OriginalString)));
        var reference = await Botocore.RunAsync("botocore_sign.py", SigningInput(handler.Requests, "eu-west-1", "s3", credentials), TestContext.CancellationToken);
        for (var i = 0; i < handler.Requests.Count; i++)
        {
            Assert.AreEqual((string)reference[i]!["authorization"]!, handler.Requests[i].Headers["Authorization"], (string)reference[i]!["canonical_request"]!);
        }
    }

    private static JsonArray SigningInput(IEnumerable<RecordedRequest> requests, string region, string service, AWSCredentials credentials)
    {
        var immutable = credentials.GetCredentials();
        var array = new JsonArray();
        foreach (var sent in requests)
        {
            var headers = new JsonObject();
            foreach (var (name, value) in sent.Headers.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                headers[name] = value;
            }

            array.Add(new JsonObject
            {
                ["method"] = sent.Method.Method,
                ["url"] = sent.Uri.OriginalString,
                ["headers"] = headers,
                ["body"] = sent.Body,
                ["region"] = region,
                ["service"] = service,
                ["access_key"] = immutable.AccessKey,
                ["secret_key"] = immutable.SecretKey,
                ["token"] = immutable.UseToken ? immutable.Token : null,
                ["timestamp"] = AwsTestSetup.DocumentationTime.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return array;
    }
}
