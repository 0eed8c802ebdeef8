using System.Net;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class SigV4Tests
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:f1";
    private const string Credential = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lambda/aws4_request, ";

    [TestMethod]
    public async Task Request_path_reproduces_the_documented_SigV4_example()
    {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (the IAM ListUsers example).
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK);
        var iam = new AwsService("IAM", "iam", "iam", "IAM");
        var sender = new AwsRequestSender(
            new HttpClient(handler),
            new AwsSettings("us-east-1", new BasicAWSCredentials(AwsTestSetup.AccessKey, AwsTestSetup.SecretKey))
            {
                Endpoint = new Uri("https://iam.amazonaws.com"),
            },
            iam,
            error => new AwsServiceException(error),
            new ManualTimeProvider(AwsTestSetup.DocumentationTime));

        await sender.SendAsync(
            new AwsRequest
            {
                Operation = "ListUsers",
                Method = HttpMethod.Get,
                ResourcePath = "/",
                Query = [new("Action", "ListUsers"), new("Version", "2010-05-08")],
                Body = [],
                ContentType = "application/x-www-form-urlencoded; charset=utf-8",
                IsIdempotent = true,
            },
            CancellationToken.None);

        var sent = handler.Requests.Single();
        Assert.AreEqual("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", sent.Uri.AbsoluteUri);
        Assert.AreEqual("20150830T123600Z", sent.Headers["X-Amz-Date"]);
        Assert.AreEqual(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
            + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            sent.Headers["Authorization"]);
    }

    // The expected signatures below were computed by botocore 1.43.11 (SigV4Auth) for the same requests and clock.
    [TestMethod]
    public async Task Arn_in_the_path_is_encoded_once_on_the_wire_and_signed_double_encoded()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, "{}");

        await AwsTestSetup.Lambda(handler).GetPolicyAsync(new GetPolicyRequest { FunctionName = FunctionArn, Qualifier = "$LATEST" });

        var sent = handler.Requests.Single();
        Assert.AreEqual(
            "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af1/policy?Qualifier=%24LATEST",
            sent.Uri.OriginalString);
        Assert.AreEqual(
            Credential + "SignedHeaders=host;x-amz-date, Signature=233ec0a7ad076bd8d45c2b0320a7cb5c87cc80b1736b4734eda0bb66183bf71a",
            sent.Headers["Authorization"]);
    }

    [TestMethod]
    public void Canonical_path_double_encodes_label_values()
    {
        var canonical = SigV4Signer.Sign(
            HttpMethod.Get,
            new Uri("http://127.0.0.1:5151"),
            "/2015-03-31/functions/{FunctionName}/policy",
            new Dictionary<string, string> { ["{FunctionName}"] = "arn:aws:lambda:us-east-1:1:function:f1" },
            [],
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            [],
            new ImmutableCredentials("AK", "SK", null),
            "us-east-1",
            "lambda",
            AwsTestSetup.DocumentationTime.UtcDateTime);

        Assert.AreEqual("/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A1%253Afunction%253Af1/policy", canonical.Split('\n')[1]);
    }

    [TestMethod]
    public async Task Session_token_is_sent_and_covered_by_the_signature()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, "{}");
        var settings = AwsTestSetup.Settings(credentials: new SessionAWSCredentials(AwsTestSetup.AccessKey, AwsTestSetup.SecretKey, "SESSIONTOKEN"));

        await AwsTestSetup.Lambda(handler, settings).GetPolicyAsync(new GetPolicyRequest { FunctionName = FunctionArn, Qualifier = "$LATEST" });

        var sent = handler.Requests.Single();
        Assert.AreEqual("SESSIONTOKEN", sent.Headers["X-Amz-Security-Token"]);
        Assert.AreEqual(
            Credential + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=a6ea734028a3fb8ea97181becd51a2d17e502cb6ca62acbef2911bfe16031ad7",
            sent.Headers["Authorization"]);
    }

    [TestMethod]
    public async Task Json_body_and_content_type_are_signed()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.Created, """{"Statement":"{}"}""");

        await AwsTestSetup.Lambda(handler).AddPermissionAsync(new AddPermissionRequest
        {
            FunctionName = "f1",
            Qualifier = "live",
            StatementId = "s1",
            Action = "lambda:InvokeFunction",
            Principal = "elasticloadbalancing.amazonaws.com",
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual("""{"StatementId":"s1","Action":"lambda:InvokeFunction","Principal":"elasticloadbalancing.amazonaws.com"}""", sent.Body);
        Assert.AreEqual("application/json", sent.Headers["Content-Type"]);
        Assert.AreEqual(
            Credential + "SignedHeaders=content-type;host;x-amz-date, Signature=811ed486c58502641eb208345852b4304a27b8283b321d68fda64d57a6c371ff",
            sent.Headers["Authorization"]);
    }

    [TestMethod]
    public async Task Repeated_query_names_are_signed_in_value_order()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.NoContent);

        await AwsTestSetup.Lambda(handler).UntagResourceAsync(new UntagResourceRequest
        {
            Resource = "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:abc",
            TagKeys = ["b", "a"],
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual(
            "https://lambda.us-east-1.amazonaws.com/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Aevent-source-mapping%3Aabc?tagKeys=b&tagKeys=a",
            sent.Uri.OriginalString);
        Assert.AreEqual(
            Credential + "SignedHeaders=host;x-amz-date, Signature=d004d3bb162a75f065b2135dc11539247d9e89c0b219520aad32ff7775aa1c02",
            sent.Headers["Authorization"]);
    }
}
