using System.Net;
using Gitmoxi.LambdaSources.Aws.Lambda.Model;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class AmazonLambdaClientTests
{
    private const string Endpoint = "https://lambda.us-east-1.amazonaws.com";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:f1:live";
    private const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:q1";

    [TestMethod]
    public async Task List_sends_its_filters_in_the_query()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, """{"EventSourceMappings":[]}""");

        await AwsTestSetup.Lambda(handler).ListEventSourceMappingsAsync(new ListEventSourceMappingsRequest
        {
            EventSourceArn = QueueArn,
            FunctionName = FunctionArn,
            MaxItems = 50,
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Get, sent.Method);
        Assert.AreEqual(
            Endpoint + "/2015-03-31/event-source-mappings?EventSourceArn=arn%3Aaws%3Asqs%3Aus-east-1%3A123456789012%3Aq1"
            + "&FunctionName=arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af1%3Alive&MaxItems=50",
            sent.Uri.OriginalString);
        Assert.AreEqual(string.Empty, sent.Body);
    }

    [TestMethod]
    public async Task Listing_all_mappings_follows_markers_across_pages_with_the_largest_page_size()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.OK, """{"EventSourceMappings":[{"UUID":"a"},{"UUID":"b"}],"NextMarker":"m1"}""")
            .Reply(HttpStatusCode.OK, """{"EventSourceMappings":[],"NextMarker":"m2"}""")
            .Reply(HttpStatusCode.OK, """{"EventSourceMappings":[{"UUID":"c"}]}""");
        var request = new ListEventSourceMappingsRequest { FunctionName = "f1" };

        var uuids = new List<string?>();
        await foreach (var mapping in AwsTestSetup.Lambda(handler).ListAllEventSourceMappings(request))
        {
            uuids.Add(mapping.UUID);
        }

        Assert.AreEqual("a b c", string.Join(' ', uuids));
        Assert.AreEqual(
            """
            ?FunctionName=f1&MaxItems=10000
            ?FunctionName=f1&Marker=m1&MaxItems=10000
            ?FunctionName=f1&Marker=m2&MaxItems=10000
            """,
            string.Join('\n', handler.Requests.Select(r => r.Uri.Query)));
        Assert.IsNull(request.Marker);
    }

    [TestMethod]
    public async Task Get_function_puts_the_qualifier_in_the_query()
    {
        var handler = new FakeHttpHandler().Reply(
            HttpStatusCode.OK,
            """{"Configuration":{"FunctionName":"f1","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f1:$LATEST","LastModified":"2026-11-25T15:38:13.305888000Z","State":"Active","VpcConfig":null},"Tags":{"team":"a"}}""");

        var function = await AwsTestSetup.Lambda(handler).GetFunctionAsync(new GetFunctionRequest { FunctionName = "f1", Qualifier = "$LATEST" });

        Assert.AreEqual(Endpoint + "/2015-03-31/functions/f1?Qualifier=%24LATEST", handler.Requests.Single().Uri.OriginalString);
        Assert.AreEqual(
            ("arn:aws:lambda:us-east-1:123456789012:function:f1:$LATEST", "2026-11-25T15:38:13.305888000Z", "Active", "a"),
            (function.Configuration!.FunctionArn, function.Configuration.LastModified, function.Configuration.State, function.Tags!["team"]));
    }

    [TestMethod]
    public async Task Get_alias_puts_function_and_alias_in_the_path()
    {
        var handler = new FakeHttpHandler().Reply(
            HttpStatusCode.Created,
            """{"AliasArn":"arn:aws:lambda:us-east-1:123456789012:function:f1:live","Name":"live","FunctionVersion":"2","RoutingConfig":null,"RevisionId":"r1"}""");

        var alias = await AwsTestSetup.Lambda(handler).GetAliasAsync(new GetAliasRequest { FunctionName = "f1", Name = "live" });

        Assert.AreEqual(Endpoint + "/2015-03-31/functions/f1/aliases/live", handler.Requests.Single().Uri.OriginalString);
        Assert.AreEqual(("live", "2", "r1"), (alias.Name, alias.FunctionVersion, alias.RevisionId));
    }

    [TestMethod]
    public async Task Remove_permission_sends_statement_in_the_path_and_qualifier_in_the_query()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.NoContent);

        await AwsTestSetup.Lambda(handler).RemovePermissionAsync(new RemovePermissionRequest
        {
            FunctionName = "arn:aws:lambda:us-east-1:123456789012:function:f1",
            StatementId = "gitmoxi-elb-1",
            Qualifier = "live",
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Delete, sent.Method);
        Assert.AreEqual(
            Endpoint + "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af1/policy/gitmoxi-elb-1?Qualifier=live",
            sent.Uri.OriginalString);
    }

    [TestMethod]
    public async Task Update_sends_clear_values_and_keeps_the_uuid_out_of_the_body()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.Accepted, """{"UUID":"u-1","State":"Updating"}""");

        var updated = await AwsTestSetup.Lambda(handler).UpdateEventSourceMappingAsync(new UpdateEventSourceMappingRequest
        {
            UUID = "u-1",
            BatchSize = 10,
            FilterCriteria = new FilterCriteria(),
            DestinationConfig = new DestinationConfig(),
            FunctionResponseTypes = [],
            ScalingConfig = new ScalingConfig(),
            KMSKeyArn = string.Empty,
            MetricsConfig = new EventSourceMappingMetricsConfig { Metrics = [] },
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, sent.Method);
        Assert.AreEqual(Endpoint + "/2015-03-31/event-source-mappings/u-1", sent.Uri.OriginalString);
        Assert.AreEqual(
            """{"BatchSize":10,"FilterCriteria":{},"DestinationConfig":{},"FunctionResponseTypes":[],"ScalingConfig":{},"KMSKeyArn":"","MetricsConfig":{"Metrics":[]}}""",
            sent.Body);
        Assert.AreEqual("Updating", updated.State);
    }

    [TestMethod]
    public async Task Create_sends_every_set_member_in_the_body()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.Created, """{"UUID":"u-2"}""");

        await AwsTestSetup.Lambda(handler).CreateEventSourceMappingAsync(new CreateEventSourceMappingRequest
        {
            EventSourceArn = "arn:aws:kinesis:us-east-1:123456789012:stream/ks1",
            FunctionName = FunctionArn,
            Enabled = false,
            StartingPosition = "AT_TIMESTAMP",
            StartingPositionTimestamp = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            FilterCriteria = new FilterCriteria { Filters = [new Filter { Pattern = """{"body":{"a":["b"]}}""" }] },
            DestinationConfig = new DestinationConfig { OnFailure = new OnFailure { Destination = QueueArn } },
            Tags = new Dictionary<string, string> { ["managed-by"] = "gitmoxi" },
        });

        var sent = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Post, sent.Method);
        Assert.AreEqual(Endpoint + "/2015-03-31/event-source-mappings", sent.Uri.OriginalString);
        Assert.AreEqual("application/json", sent.Headers["Content-Type"]);
        const string Expected = """
            {"EventSourceArn":"arn:aws:kinesis:us-east-1:123456789012:stream/ks1","FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:f1:live","Enabled":false,"FilterCriteria":{"Filters":[{"Pattern":"{\u0022body\u0022:{\u0022a\u0022:[\u0022b\u0022]}}"}]},"StartingPosition":"AT_TIMESTAMP","StartingPositionTimestamp":1767323045,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:q1"}},"Tags":{"managed-by":"gitmoxi"}}
            """;
        Assert.AreEqual(Expected, sent.Body);
    }

    [TestMethod]
    public async Task Moto_mapping_answer_with_html_content_type_and_extra_members_is_read()
    {
        var handler = new FakeHttpHandler().Reply(
            HttpStatusCode.OK,
            """{"UUID":"u-3","BatchSize":10,"EventSourceArn":"arn:aws:sqs:us-east-1:123456789012:q1","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:f1","LastModified":1795621144.0,"State":"Enabled","StateTransitionReason":"User initiated","EventSourceMappingArn":"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-3","Tags":{"k":"v"}}""");

        var mapping = await AwsTestSetup.Lambda(handler).GetEventSourceMappingAsync(new GetEventSourceMappingRequest { UUID = "u-3" });

        Assert.AreEqual(new DateTime(2026, 11, 25, 15, 39, 4, DateTimeKind.Utc), mapping.LastModified);
        Assert.AreEqual(("Enabled", "User initiated", 10), (mapping.State, mapping.StateTransitionReason, mapping.BatchSize));
    }

    [TestMethod]
    public async Task Tags_go_to_the_body_and_the_resource_arn_to_the_path()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.OK, "{}")
            .Reply(HttpStatusCode.OK, """{"Tags":{"a":"1"}}""");
        var lambda = AwsTestSetup.Lambda(handler);
        const string Arn = "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:u-4";

        await lambda.TagResourceAsync(new TagResourceRequest { Resource = Arn, Tags = new Dictionary<string, string> { ["a"] = "1" } });
        var tags = await lambda.ListTagsAsync(new ListTagsRequest { Resource = Arn });

        Assert.AreEqual(HttpMethod.Post, handler.Requests[0].Method);
        Assert.AreEqual(Endpoint + "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Aevent-source-mapping%3Au-4", handler.Requests[0].Uri.OriginalString);
        Assert.AreEqual("""{"Tags":{"a":"1"}}""", handler.Requests[0].Body);
        Assert.AreEqual("1", tags.Tags!["a"]);
    }

    [TestMethod]
    public async Task Missing_required_member_fails_before_anything_is_sent()
    {
        var handler = new FakeHttpHandler();

        await Assert.ThrowsExactlyAsync<ArgumentException>(
            () => AwsTestSetup.Lambda(handler).DeleteEventSourceMappingAsync(new DeleteEventSourceMappingRequest()));

        Assert.AreEqual(0, handler.Requests.Count);
    }

    [TestMethod]
    public async Task Unreadable_success_answer_is_reported_as_unexpected()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, "<html>proxy login</html>");

        await Assert.ThrowsExactlyAsync<Gitmoxi.LambdaSources.Aws.AwsUnexpectedResponseException>(
            () => AwsTestSetup.Lambda(handler).GetEventSourceMappingAsync(new GetEventSourceMappingRequest { UUID = "u" }));
    }
}
