using System.Net;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2.Model;

namespace Gitmoxi.LambdaSources.Tests.Aws;

[TestClass]
public sealed class AmazonElasticLoadBalancingV2ClientTests
{
    private const string Endpoint = "https://elasticloadbalancing.us-east-1.amazonaws.com/";
    private const string GroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/0123456789abcdef";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live";
    private const string Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    [TestMethod]
    public async Task Describe_target_groups_posts_a_signed_query_form_and_reads_the_xml_answer()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, $"""
            <DescribeTargetGroupsResponse xmlns="{Namespace}">
              <DescribeTargetGroupsResult>
                <TargetGroups>
                  <member>
                    <TargetGroupArn>{GroupArn}</TargetGroupArn>
                    <TargetGroupName>orders-tg</TargetGroupName>
                    <TargetType>lambda</TargetType>
                    <HealthCheckEnabled>false</HealthCheckEnabled>
                    <LoadBalancerArns><member>arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1</member></LoadBalancerArns>
                  </member>
                </TargetGroups>
              </DescribeTargetGroupsResult>
              <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
            </DescribeTargetGroupsResponse>
            """);

        var response = await AwsTestSetup.ElasticLoadBalancingV2(handler).DescribeTargetGroupsAsync(
            new DescribeTargetGroupsRequest { TargetGroupArns = [GroupArn], PageSize = 2 });

        var sent = handler.Requests.Single();
        Assert.AreEqual(HttpMethod.Post, sent.Method);
        Assert.AreEqual(Endpoint, sent.Uri.OriginalString);
        Assert.AreEqual(
            "Action=DescribeTargetGroups&Version=2015-12-01&TargetGroupArns.member.1="
            + "arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012%3Atargetgroup%2Forders-tg%2F0123456789abcdef&PageSize=2",
            sent.Body);
        Assert.AreEqual("application/x-www-form-urlencoded; charset=utf-8", sent.Headers["Content-Type"]);
        StringAssert.Contains(sent.Headers["Authorization"], "/us-east-1/elasticloadbalancing/aws4_request");
        var group = response.TargetGroups!.Single();
        Assert.AreEqual(
            $"{GroupArn} orders-tg lambda False arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1",
            $"{group.TargetGroupArn} {group.TargetGroupName} {group.TargetType} {group.HealthCheckEnabled} {string.Join(",", group.LoadBalancerArns!)}");
        Assert.IsNull(response.NextMarker);
    }

    [TestMethod]
    public async Task Describe_target_health_reads_targets_and_their_state()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, $"""
            <DescribeTargetHealthResponse xmlns="{Namespace}"><DescribeTargetHealthResult><TargetHealthDescriptions>
              <member><Target><Id>{FunctionArn}</Id></Target>
                <TargetHealth><State>unavailable</State><Reason>Target.HealthCheckDisabled</Reason><Description>Health checks are disabled</Description></TargetHealth></member>
            </TargetHealthDescriptions></DescribeTargetHealthResult></DescribeTargetHealthResponse>
            """);

        var response = await AwsTestSetup.ElasticLoadBalancingV2(handler).DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = GroupArn });

        var description = response.TargetHealthDescriptions!.Single();
        Assert.AreEqual(
            $"{FunctionArn} unavailable Target.HealthCheckDisabled",
            $"{description.Target!.Id} {description.TargetHealth!.State} {description.TargetHealth.Reason}");
    }

    [TestMethod]
    public async Task Register_and_deregister_send_targets_as_member_structures()
    {
        var handler = new FakeHttpHandler().Reply(HttpStatusCode.OK, "<RegisterTargetsResponse/>").Reply(HttpStatusCode.OK, string.Empty);
        var client = AwsTestSetup.ElasticLoadBalancingV2(handler);

        await client.RegisterTargetsAsync(new RegisterTargetsRequest { TargetGroupArn = "tg", Targets = [new TargetDescription { Id = "f:live" }] });
        await client.DeregisterTargetsAsync(new DeregisterTargetsRequest { TargetGroupArn = "tg", Targets = [new TargetDescription { Id = "f:blue" }] });

        Assert.AreEqual("Action=RegisterTargets&Version=2015-12-01&TargetGroupArn=tg&Targets.member.1.Id=f%3Alive", handler.Requests[0].Body);
        Assert.AreEqual("Action=DeregisterTargets&Version=2015-12-01&TargetGroupArn=tg&Targets.member.1.Id=f%3Ablue", handler.Requests[1].Body);
    }

    [TestMethod]
    public async Task Query_errors_become_typed_exceptions()
    {
        var handler = new FakeHttpHandler()
            .Reply(HttpStatusCode.BadRequest, $"""<ErrorResponse xmlns="{Namespace}"><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code><Message>One or more target groups not found</Message></Error><RequestId>r-2</RequestId></ErrorResponse>""")
            .Reply(HttpStatusCode.Forbidden, $"""<ErrorResponse xmlns="{Namespace}"><Error><Code>AccessDenied</Code><Message>elasticloadbalancing principal does not have permission</Message></Error></ErrorResponse>""");
        var client = AwsTestSetup.ElasticLoadBalancingV2(handler);

        var notFound = await Assert.ThrowsExactlyAsync<TargetGroupNotFoundException>(
            () => client.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [GroupArn] }));
        var denied = await Assert.ThrowsExactlyAsync<AccessDeniedException>(
            () => client.RegisterTargetsAsync(new RegisterTargetsRequest { TargetGroupArn = GroupArn, Targets = [new TargetDescription { Id = FunctionArn }] }));

        Assert.AreEqual("r-2 One or more target groups not found", $"{notFound.RequestId} {notFound.Message}");
        Assert.AreEqual("AccessDenied", denied.ErrorCode);
        Assert.HasCount(2, handler.Requests);
    }
}
