using System.Text.Json.Nodes;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>Each test shows one place where the launcher corrects moto to the documented ELBv2 behaviour for Lambda
/// target groups (letters as in tests/Gitmoxi.TestSupport/README.md). Requests go over raw Query-protocol HTTP.</summary>
[TestClass]
public sealed class TargetGroupCorrectionsTests(TestContext testContext) : EmulatorFixture<TargetGroupCorrectionsTests>
{
    private SeededWorld world = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    private string OrdersGroup => world.TargetGroups["orders-tg"].Arn;

    private string LiveArn => world.Functions["orders"].Aliases["live"];

    [TestInitialize]
    public async Task TestInitialize()
    {
        world = await emulator.SeedAsync(JsonNode.Parse("""{"targetGroups":[{"name":"orders-tg"},{"name":"spare-tg"}]}""")!.AsObject(), Cancellation);
    }

    [TestMethod]
    public async Task P_a_lambda_target_group_takes_one_function()
    {
        var spare = world.TargetGroups["spare-tg"].Arn;
        await GrantAsync("live", OrdersGroup);
        await GrantAsync("beta", OrdersGroup);
        await GrantAsync("live", spare);
        await GrantAsync("beta", spare);
        var betaArn = world.Functions["orders"].Aliases["beta"];

        var first = await RegisterAsync(OrdersGroup, LiveArn);
        var again = await RegisterAsync(OrdersGroup, LiveArn);
        var second = await RegisterAsync(OrdersGroup, betaArn);
        var twoAtOnce = await RegisterAsync(spare, LiveArn, betaArn);

        Assert.AreEqual((200, 200), (first.StatusCode, again.StatusCode));
        foreach (var refused in new[] { second, twoAtOnce })
        {
            Assert.AreEqual((400, "TooManyTargets"), (refused.StatusCode, refused.ErrorType), refused.Body);
        }

        CollectionAssert.AreEqual(new[] { LiveArn }, (await HealthAsync(OrdersGroup)).XmlValues("Id").ToList());
        Assert.IsEmpty((await HealthAsync(spare)).XmlValues("Id"));
    }

    [TestMethod]
    public async Task Q_registering_needs_an_invoke_permission_for_elb_on_the_function_as_registered()
    {
        var unqualified = world.Functions["orders"].Arn;
        await GrantAsync(qualifier: null, OrdersGroup);
        await GrantAsync("live", world.TargetGroups["spare-tg"].Arn);

        var withoutAliasPermission = await RegisterAsync(OrdersGroup, LiveArn);
        await GrantAsync("live", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-*");
        var cli = await emulator.RunAwsCliAsync(["elbv2", "register-targets", "--target-group-arn", OrdersGroup, "--targets", $"Id={LiveArn}"], Cancellation);

        Assert.AreEqual((403, "AccessDenied"), (withoutAliasPermission.StatusCode, withoutAliasPermission.ErrorType));
        Assert.AreEqual(
            $"elasticloadbalancing principal does not have permission to invoke {LiveArn} from target group {OrdersGroup}",
            withoutAliasPermission.XmlValues("Message").Single());
        Assert.IsTrue(cli.Succeeded, cli.StandardError);
        Assert.AreEqual(403, (await RegisterAsync(world.TargetGroups["spare-tg"].Arn, unqualified)).StatusCode);
    }

    [TestMethod]
    public async Task R_lambda_targets_behind_a_listener_without_health_checks_are_unavailable()
    {
        var served = (await emulator.SeedAsync(
            JsonNode.Parse("""{"functions":[],"queues":[],"streams":[],"tables":[],"targetGroups":[{"name":"served-tg","loadBalancer":true}]}""")!.AsObject(),
            Cancellation)).TargetGroups["served-tg"].Arn;
        await GrantAsync("live", served);
        await RegisterAsync(served, LiveArn);

        var health = await HealthAsync(served);

        Assert.AreEqual(
            ("unavailable", "Target.HealthCheckDisabled", "Health checks are disabled"),
            (health.XmlValues("State").Single(), health.XmlValues("Reason").Single(), health.XmlValues("Description").Single()));
    }

    [TestMethod]
    public async Task R_lambda_targets_of_a_group_no_load_balancer_uses_are_unused_with_reason_Target_NotInUse()
    {
        await GrantAsync("live", OrdersGroup);
        await RegisterAsync(OrdersGroup, LiveArn);

        var health = await HealthAsync(OrdersGroup);

        Assert.AreEqual(
            (LiveArn, "unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer"),
            (health.XmlValues("Id").Single(), health.XmlValues("State").Single(), health.XmlValues("Reason").Single(), health.XmlValues("Description").Single()));
    }

    [TestMethod]
    public async Task S_DescribeTargetGroups_pages_with_PageSize_and_NextMarker()
    {
        world = await emulator.SeedAsync(
            JsonNode.Parse("""{"functions":[],"queues":[],"streams":[],"tables":[],"targetGroups":[{"name":"tg-c"},{"name":"tg-d"},{"name":"tg-e"}]}""")!.AsObject(),
            Cancellation);

        var names = new List<string>();
        string? marker = null;
        do
        {
            var form = "Action=DescribeTargetGroups&Version=2015-12-01&PageSize=2" + (marker is null ? string.Empty : $"&Marker={Uri.EscapeDataString(marker)}");
            var page = await emulator.SendFormAsync("elasticloadbalancing", form, Cancellation);
            Assert.IsLessThanOrEqualTo(2, page.XmlValues("TargetGroupName").Count);
            names.AddRange(page.XmlValues("TargetGroupName"));
            marker = page.XmlValues("NextMarker").SingleOrDefault();
        }
        while (marker is not null);

        Assert.AreEqual("orders-tg,spare-tg,tg-c,tg-d,tg-e", string.Join(',', names));
        var outOfRange = await emulator.SendFormAsync("elasticloadbalancing", "Action=DescribeTargetGroups&Version=2015-12-01&PageSize=401", Cancellation);
        Assert.AreEqual((400, "ValidationError"), (outOfRange.StatusCode, outOfRange.ErrorType));
    }

    private async Task GrantAsync(string? qualifier, string sourceArn)
    {
        var statement = new JsonObject
        {
            ["StatementId"] = $"elb-{Guid.NewGuid():N}",
            ["Action"] = "lambda:InvokeFunction",
            ["Principal"] = "elasticloadbalancing.amazonaws.com",
            ["SourceArn"] = sourceArn,
        };
        var query = qualifier is null ? string.Empty : $"?Qualifier={qualifier}";
        var response = await emulator.SendJsonAsync("lambda", HttpMethod.Post, $"/2015-03-31/functions/orders/policy{query}", statement, Cancellation);
        Assert.AreEqual(201, response.StatusCode, response.Body);
    }

    private async Task<EmulatorResponse> RegisterAsync(string targetGroupArn, params string[] functions)
    {
        var targets = string.Concat(functions.Select((f, i) => $"&Targets.member.{i + 1}.Id={Uri.EscapeDataString(f)}"));
        return await emulator.SendFormAsync(
            "elasticloadbalancing",
            $"Action=RegisterTargets&Version=2015-12-01&TargetGroupArn={Uri.EscapeDataString(targetGroupArn)}{targets}",
            Cancellation);
    }

    private async Task<EmulatorResponse> HealthAsync(string targetGroupArn) =>
        await emulator.SendFormAsync(
            "elasticloadbalancing",
            $"Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn={Uri.EscapeDataString(targetGroupArn)}",
            Cancellation);
}
