using System.Text.Json.Nodes;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.EmulatorBehavior;

/// <summary>Each test shows one place where the launcher corrects moto to the documented Lambda permission API
/// (letters as in tests/Gitmoxi.TestSupport/README.md), plus the opt-in concurrent-write hazard.</summary>
[TestClass]
public sealed class LambdaPermissionCorrectionsTests(TestContext testContext) : EmulatorFixture<LambdaPermissionCorrectionsTests>
{
    private const string ElbPrincipal = "elasticloadbalancing.amazonaws.com";
    private SeededWorld world = null!;

    private CancellationToken Cancellation => testContext.CancellationToken;

    private string LiveArn => world.Functions["orders"].Aliases["live"];

    [TestInitialize]
    public async Task TestInitialize()
    {
        world = await emulator.SeedAsync(Cancellation);
    }

    [TestMethod]
    public async Task K_each_qualifier_has_its_own_policy()
    {
        Assert.AreEqual(201, (await AddAsync("orders", "live", Permission("live-elb"))).StatusCode);
        Assert.AreEqual(201, (await AddAsync("orders:beta", qualifier: null, Permission("beta-elb"))).StatusCode);
        Assert.AreEqual(201, (await AddAsync(Uri.EscapeDataString(LiveArn), qualifier: null, Permission("live-apigw", "apigateway.amazonaws.com"))).StatusCode);

        Assert.AreEqual("live-elb,live-apigw", await SidsAsync("orders", "live"));
        var beta = await emulator.AwsCliAsync(["lambda", "get-policy", "--function-name", "orders", "--qualifier", "beta"], Cancellation);
        Assert.AreEqual("beta-elb", (string)JsonNode.Parse((string)beta!["Policy"]!)!["Statement"]![0]!["Sid"]!);
        foreach (var unshared in new[] { "orders", "orders?Qualifier=1" })
        {
            var policy = await SendAsync(HttpMethod.Get, $"/2015-03-31/functions/{unshared}/policy");
            Assert.AreEqual((404, "ResourceNotFoundException"), (policy.StatusCode, policy.ErrorType), unshared);
        }

        var wrongQualifier = await SendAsync(HttpMethod.Delete, "/2015-03-31/functions/orders/policy/live-elb?Qualifier=beta");
        var removed = await SendAsync(HttpMethod.Delete, "/2015-03-31/functions/orders/policy/live-elb?Qualifier=live");
        Assert.AreEqual((404, 204), (wrongQualifier.StatusCode, removed.StatusCode));
        Assert.AreEqual("live-apigw", await SidsAsync("orders:live"));
    }

    [TestMethod]
    public async Task L_a_statement_id_already_in_the_policy_is_a_conflict()
    {
        await AddAsync("orders", "live", Permission("elb"));

        var again = await AddAsync("orders", "live", Permission("elb"));
        var otherQualifier = await AddAsync("orders", "beta", Permission("elb"));

        Assert.AreEqual((409, "ResourceConflictException"), (again.StatusCode, again.ErrorType));
        Assert.AreEqual(
            "The statement id (elb) provided already exists. Please provide a new statement id, or remove the existing statement.",
            (string)again.Json!["message"]!);
        Assert.AreEqual(201, otherQualifier.StatusCode);
        Assert.AreEqual("elb", await SidsAsync("orders", "live"));
    }

    [TestMethod]
    public async Task M_statements_have_the_aws_shape_with_the_qualified_function_as_resource()
    {
        const string targetGroup = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/0123456789abcdef";
        var request = Permission("elb");
        request["SourceArn"] = targetGroup;
        request["SourceAccount"] = Emulator.AccountId;

        var added = await AddAsync("orders", "live", request);
        var account = await AddAsync("orders", "live", Permission("partner", "111122223333"));
        var policy = (await SendAsync(HttpMethod.Get, "/2015-03-31/functions/orders/policy?Qualifier=live")).Json!;

        var expected = new JsonObject
        {
            ["Sid"] = "elb",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = ElbPrincipal },
            ["Action"] = "lambda:InvokeFunction",
            ["Resource"] = LiveArn,
            ["Condition"] = new JsonObject
            {
                ["ArnLike"] = new JsonObject { ["AWS:SourceArn"] = targetGroup },
                ["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = Emulator.AccountId },
            },
        }.ToJsonString();
        Assert.AreEqual(201, added.StatusCode);
        Assert.AreEqual(expected, JsonNode.Parse((string)added.Json!["Statement"]!)!.ToJsonString());
        Assert.AreEqual(
            $$"""{"Version":"2012-10-17","Id":"default","Statement":[{{expected}},{"Sid":"partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"lambda:InvokeFunction","Resource":"{{LiveArn}}"}]}""",
            JsonNode.Parse((string)policy["Policy"]!)!.ToJsonString());
        Assert.AreEqual(201, account.StatusCode);
    }

    [TestMethod]
    public async Task N_statement_ids_follow_each_operations_model_pattern_and_LATEST_takes_no_policy()
    {
        var dotted = await AddAsync("orders", "live", Permission("elb.tg-1"));
        await AddAsync("orders", "live", Permission("elb-tg-1"));
        var removeDotted = await SendAsync(HttpMethod.Delete, "/2015-03-31/functions/orders/policy/elb.tg-1?Qualifier=live");
        var removeUnknown = await SendAsync(HttpMethod.Delete, "/2015-03-31/functions/orders/policy/nope?Qualifier=live");
        var latest = await AddAsync("orders", "%24LATEST", Permission("latest"));

        // AddPermission's StatementId pattern is ([a-zA-Z0-9-_]+); RemovePermission's also allows '.'.
        Assert.AreEqual((400, "ValidationException"), (dotted.StatusCode, dotted.ErrorType));
        StringAssert.Contains((string)dotted.Json!["message"]!, "Value 'elb.tg-1' at 'statementId' failed to satisfy constraint");
        Assert.AreEqual((404, "ResourceNotFoundException"), (removeDotted.StatusCode, removeDotted.ErrorType), removeDotted.Body);
        Assert.AreEqual((404, "ResourceNotFoundException"), (removeUnknown.StatusCode, removeUnknown.ErrorType));
        Assert.AreEqual((400, "InvalidParameterValueException"), (latest.StatusCode, latest.ErrorType), latest.Body);
        Assert.AreEqual("elb-tg-1", await SidsAsync("orders:live"));
    }

    [TestMethod]
    public async Task O_RevisionId_guards_add_and_remove_and_every_change_moves_it()
    {
        await AddAsync("orders", "live", Permission("first"));
        var revision = (string)(await SendAsync(HttpMethod.Get, "/2015-03-31/functions/orders/policy?Qualifier=live")).Json!["RevisionId"]!;

        var stale = Permission("second");
        stale["RevisionId"] = "00000000-0000-0000-0000-000000000000";
        var staleAdd = await AddAsync("orders", "live", stale);
        var current = Permission("second");
        current["RevisionId"] = revision;
        var currentAdd = await AddAsync("orders", "live", current);
        var staleRemove = await SendAsync(HttpMethod.Delete, $"/2015-03-31/functions/orders/policy/first?Qualifier=live&RevisionId={revision}");
        var latest = (string)(await SendAsync(HttpMethod.Get, "/2015-03-31/functions/orders/policy?Qualifier=live")).Json!["RevisionId"]!;
        var currentRemove = await SendAsync(HttpMethod.Delete, $"/2015-03-31/functions/orders/policy/first?Qualifier=live&RevisionId={latest}");

        Assert.AreEqual((412, "PreconditionFailedException"), (staleAdd.StatusCode, staleAdd.ErrorType));
        Assert.AreEqual((412, "PreconditionFailedException"), (staleRemove.StatusCode, staleRemove.ErrorType));
        Assert.AreEqual((201, 204), (currentAdd.StatusCode, currentRemove.StatusCode));
        Assert.AreNotEqual(revision, latest);
        Assert.AreEqual("second", await SidsAsync("orders:live"));
    }

    [TestMethod]
    public async Task Deleting_an_alias_takes_its_policy_with_it()
    {
        await AddAsync("orders", "live", Permission("elb"));
        await AddAsync("orders", "beta", Permission("elb"));

        await SendAsync(HttpMethod.Delete, "/2015-03-31/functions/orders/aliases/live");
        await SendAsync(HttpMethod.Post, "/2015-03-31/functions/orders/aliases", new JsonObject { ["Name"] = "live", ["FunctionVersion"] = "1" });

        Assert.AreEqual(404, (await SendAsync(HttpMethod.Get, "/2015-03-31/functions/orders/policy?Qualifier=live")).StatusCode);
        Assert.AreEqual("elb", await SidsAsync("orders", "beta"));
    }

    [TestMethod]
    public async Task Permission_write_race_loses_overlapping_statements_but_keeps_serial_ones()
    {
        await emulator.ConfigureAsync(EmulatorConfiguration.Default with { PermissionWriteRace = true }, Cancellation);

        var parallel = await Task.WhenAll(AddAsync("orders", "live", Permission("a")), AddAsync("orders", "live", Permission("b")));
        await AddAsync("orders", "beta", Permission("c"));
        await AddAsync("orders", "beta", Permission("d"));

        var live = await SidsAsync("orders:live");
        Assert.IsTrue(parallel.All(r => r.StatusCode == 201));
        Assert.IsTrue(live is "a" or "b", $"one of the overlapping statements should be lost, found {live}");
        Assert.AreEqual("c,d", await SidsAsync("orders:beta"));
    }

    private static JsonObject Permission(string statementId, string principal = ElbPrincipal) =>
        new() { ["StatementId"] = statementId, ["Action"] = "lambda:InvokeFunction", ["Principal"] = principal };

    private async Task<EmulatorResponse> SendAsync(HttpMethod method, string pathAndQuery, JsonObject? body = null) =>
        await emulator.SendJsonAsync("lambda", method, pathAndQuery, body, Cancellation);

    private async Task<EmulatorResponse> AddAsync(string function, string? qualifier, JsonObject request)
    {
        var query = qualifier is null ? string.Empty : $"?Qualifier={qualifier}";
        return await SendAsync(HttpMethod.Post, $"/2015-03-31/functions/{function}/policy{query}", request);
    }

    /// <summary>The statement ids of one policy, comma-separated in policy order.</summary>
    private async Task<string> SidsAsync(string function, string? qualifier = null)
    {
        var query = qualifier is null ? string.Empty : $"?Qualifier={qualifier}";
        var response = await SendAsync(HttpMethod.Get, $"/2015-03-31/functions/{function}/policy{query}");
        Assert.AreEqual(200, response.StatusCode, response.Body);
        var policy = JsonNode.Parse((string)response.Json!["Policy"]!)!;
        return string.Join(',', policy["Statement"]!.AsArray().Select(s => (string)s!["Sid"]!));
    }
}
