using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.Permission;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using Gitmoxi.LambdaSources.Providers.TargetRegistration;
using static Gitmoxi.LambdaSources.Tests.Planning.PlanningFixtures;

namespace Gitmoxi.LambdaSources.Tests.Planning;

[TestClass]
public sealed partial class PushSourcePlannerTests
{
    private const string Unqualified = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/0123456789abcdef";
    private const string ApiId = "a1b2c3d4e5";
    private const string RouteId = "r1s2t3u";
    private const string StageUri = Unqualified + ":${stageVariables.lambdaAlias}";

    private static readonly SourceSpan ElbSpan = new(PlanningFixtures.File, 3, 5);
    private static readonly SourceSpan ApiSpan = new(PlanningFixtures.File, 4, 5);
    private static readonly string ElbSid = StatementIds.Elb(Owner, TargetGroupArn);
    private static readonly string ApiSid = StatementIds.ApiGateway(Owner, ApiId, RouteId);

    [TestMethod]
    public void Elb_source_adds_the_permission_before_registering_the_alias()
    {
        var plan = Plan(Push(Elb()), State(groups: [Group()]));

        Assert.AreEqual(
            $$$"""
            Create permission live/{{{ElbSid}}} @ orders/orders_lambdaeventsourcedef.json(3,5)
              Principal: (absent) -> "elasticloadbalancing.amazonaws.com"
              SourceArn: (absent) -> "{{{TargetGroupArn}}}"
              op: {"op":"addStatement","statement":{"functionName":"{{{Unqualified}}}","qualifier":"live","statementId":"{{{ElbSid}}}","principal":"elasticloadbalancing.amazonaws.com","sourceArn":"{{{TargetGroupArn}}}","sourceAccount":null}}
            Create target-registration elb:orders-tg @ orders/orders_lambdaeventsourcedef.json(3,5)
              Target: (absent) -> "{{{FunctionArn}}}"
              op: {"op":"registerTarget","targetGroupArn":"{{{TargetGroupArn}}}","targetId":"{{{FunctionArn}}}","deregister":[]}
              note: registered after its permission, which lets Elastic Load Balancing invoke the function

            """,
            Describe(plan));
        Assert.IsEmpty(plan.Diagnostics);
    }

    [TestMethod]
    public void Elb_source_on_another_alias_of_the_same_function_is_retargeted_and_the_old_permission_removed()
    {
        var live = State(
            groups: [Group(Unqualified + ":blue")],
            policies: new() { ["live"] = [], ["blue"] = [ElbStatement()] });

        var plan = Plan(Push(Elb()), live);

        Assert.AreEqual(
            $$$"""
            Create permission live/{{{ElbSid}}} @ orders/orders_lambdaeventsourcedef.json(3,5)
              Principal: (absent) -> "elasticloadbalancing.amazonaws.com"
              SourceArn: (absent) -> "{{{TargetGroupArn}}}"
              op: {"op":"addStatement","statement":{"functionName":"{{{Unqualified}}}","qualifier":"live","statementId":"{{{ElbSid}}}","principal":"elasticloadbalancing.amazonaws.com","sourceArn":"{{{TargetGroupArn}}}","sourceAccount":null}}
            Update target-registration elb:orders-tg [{{{Unqualified}}}:blue] @ orders/orders_lambdaeventsourcedef.json(3,5)
              Target: "{{{Unqualified}}}:blue" -> "{{{FunctionArn}}}"
              op: {"op":"registerTarget","targetGroupArn":"{{{TargetGroupArn}}}","targetId":"{{{FunctionArn}}}","deregister":["{{{Unqualified}}}:blue"]}
              note: another qualifier of this function is registered: it is deregistered and this one registered in one change
            Delete permission blue/{{{ElbSid}}} [{{{ElbSid}}}]
              Qualifier: "blue" -> (absent)
              op: {"op":"removeStatement","functionName":"{{{Unqualified}}}","qualifier":"blue","statementId":"{{{ElbSid}}}"}
              note: the source now targets another qualifier: this one's permission is removed

            """,
            Describe(plan));
    }

    [TestMethod]
    public void Elb_source_that_matches_live_state_plans_no_change()
    {
        var plan = Plan(Push(Elb()), State(groups: [Group(FunctionArn)], policies: new() { ["live"] = [ElbStatement()] }));

        Assert.AreEqual(
            $$"""
            NoOp permission live/{{ElbSid}} [{{ElbSid}}] @ orders/orders_lambdaeventsourcedef.json(3,5)
            NoOp target-registration elb:orders-tg [{{FunctionArn}}] @ orders/orders_lambdaeventsourcedef.json(3,5)

            """,
            Describe(plan));
    }

    [TestMethod]
    public void A_statement_with_our_id_but_another_source_is_replaced()
    {
        var wrong = ElbStatement() with { SourceArn = TargetGroupArn.Replace("orders-tg", "old-tg", StringComparison.Ordinal) };

        var plan = Plan(Push(Elb()), State(groups: [Group(FunctionArn)], policies: new() { ["live"] = [wrong] }));

        var change = plan.Changes[0];
        Assert.AreEqual(ChangeAction.Replace, change.Action);
        Assert.AreEqual($"SourceArn: \"{wrong.SourceArn}\" -> \"{TargetGroupArn}\"", string.Join("\n", change.Fields.Select(f => $"{f.Field}: {f.Before} -> {f.After}")));
    }

    [TestMethod]
    public void Elb_target_groups_that_cannot_take_the_function_are_coded_errors_with_no_change()
    {
        var elsewhere = TargetGroupArn.Replace("123456789012", "222233334444", StringComparison.Ordinal);
        var instance = TargetGroupArn.Replace("orders-tg", "web", StringComparison.Ordinal);
        var missing = TargetGroupArn.Replace("orders-tg", "gone", StringComparison.Ordinal);
        var taken = TargetGroupArn.Replace("orders-tg", "taken", StringComparison.Ordinal);
        var live = State(groups:
        [
            new LiveTargetGroup(instance, true, "instance", [], []),
            new LiveTargetGroup(missing, false, null, [], []),
            new LiveTargetGroup(taken, true, "lambda", ["arn:aws:lambda:us-east-1:123456789012:function:payments:live"], []),
        ]);

        var plan = Plan(Push(Elb(elsewhere), Elb(instance), Elb(missing), Elb(taken)), live);

        Assert.IsEmpty(plan.Changes);
        CollectionAssert.AreEqual(
            new[] { DiagnosticCodes.TargetGroupElsewhere, DiagnosticCodes.TargetGroupNotLambda, DiagnosticCodes.TargetGroupNotFound, DiagnosticCodes.TargetGroupTaken },
            plan.Diagnostics.Select(d => d.Code).ToArray());
        Assert.IsTrue(plan.Diagnostics.All(d => d.IsError && d.Span == ElbSpan));
        Assert.AreEqual(
            $"The target group {taken} already sends requests to arn:aws:lambda:us-east-1:123456789012:function:payments:live; a Lambda target group takes one function, "
            + "and gitmoxi never replaces another function's registration. Deregister it first, or use another target group.",
            plan.Diagnostics[3].Message);
    }

    [TestMethod]
    public void Api_source_with_a_stage_variable_creates_the_integration_and_a_permission_per_stage_alias()
    {
        var api = Api(stages: [Stage("prod", "live"), Stage("beta", "blue"), Stage("test", "live")]);

        var plan = Plan(Push(Route("lambdaAlias")), State(apis: [api]));

        Assert.AreEqual(
            $$$"""
            Create permission live/{{{ApiSid}}} @ orders/orders_lambdaeventsourcedef.json(4,5)
              Principal: (absent) -> "apigateway.amazonaws.com"
              SourceArn: (absent) -> "arn:aws:execute-api:us-east-1:123456789012:{{{ApiId}}}/*/GET/orders"
              op: {"op":"addStatement","statement":{"functionName":"{{{Unqualified}}}","qualifier":"live","statementId":"{{{ApiSid}}}","principal":"apigateway.amazonaws.com","sourceArn":"arn:aws:execute-api:us-east-1:123456789012:{{{ApiId}}}/*/GET/orders","sourceAccount":null}}
            Create permission blue/{{{ApiSid}}} @ orders/orders_lambdaeventsourcedef.json(4,5)
              Principal: (absent) -> "apigateway.amazonaws.com"
              SourceArn: (absent) -> "arn:aws:execute-api:us-east-1:123456789012:{{{ApiId}}}/*/GET/orders"
              op: {"op":"addStatement","statement":{"functionName":"{{{Unqualified}}}","qualifier":"blue","statementId":"{{{ApiSid}}}","principal":"apigateway.amazonaws.com","sourceArn":"arn:aws:execute-api:us-east-1:123456789012:{{{ApiId}}}/*/GET/orders","sourceAccount":null}}
            Create route-integration apigw:{{{ApiId}}}/GET /orders [{{{RouteId}}}] @ orders/orders_lambdaeventsourcedef.json(4,5)
              Target: (absent) -> "integrations/(new)"
              IntegrationUri: (absent) -> "{{{StageUri}}}"
              op: {"op":"setRouteTarget","apiId":"{{{ApiId}}}","routeId":"{{{RouteId}}}","integrationId":null,"create":{"integrationType":"AWS_PROXY","integrationUri":"{{{StageUri}}}","integrationMethod":"POST","payloadFormatVersion":"2.0","description":"Created by gitmoxi-lambda-sources [b1787ced]"},"deleteIntegrationId":null}
              note: creates an AWS_PROXY integration (payload format 2.0)

            """,
            Describe(plan));
    }

    [TestMethod]
    public void Api_source_reuses_an_integration_with_exactly_the_desired_uri()
    {
        var api = Api(
            routes: [new LiveRoute(RouteId, "GET /orders", "integrations/old1"), new LiveRoute("other12", "GET /other", "integrations/old1")],
            integrations: [Proxy("old1", Unqualified + ":blue"), Proxy("keep1", FunctionArn)]);

        var plan = Plan(Push(Route(null)), State(apis: [api], policies: new() { ["live"] = [ApiStatement()] }));

        Assert.AreEqual(
            $$"""
            NoOp permission live/{{ApiSid}} [{{ApiSid}}] @ orders/orders_lambdaeventsourcedef.json(4,5)
            Update route-integration apigw:{{ApiId}}/GET /orders [{{RouteId}}] @ orders/orders_lambdaeventsourcedef.json(4,5)
              Target: "integrations/old1" -> "integrations/keep1"
              IntegrationUri: "{{Unqualified}}:blue" -> "{{FunctionArn}}"
              op: {"op":"setRouteTarget","apiId":"{{ApiId}}","routeId":"{{RouteId}}","integrationId":"keep1","create":null,"deleteIntegrationId":null}
              note: reuses integration keep1

            """,
            Describe(plan));
    }

    [TestMethod]
    public void Api_route_taken_over_from_another_function_says_so()
    {
        const string Payments = "arn:aws:lambda:us-east-1:123456789012:function:payments:live";
        var api = Api(routes: [new LiveRoute(RouteId, "GET /orders", "integrations/pay1")], integrations: [Proxy("pay1", Payments)]);

        var plan = Plan(Push(Route(null)), State(apis: [api]));

        var route = plan.Changes.Single(c => c.Kind == ResourceKind.RouteIntegration);
        Assert.AreEqual(ChangeAction.Update, route.Action);
        CollectionAssert.AreEqual(
            new[] { "creates an AWS_PROXY integration (payload format 2.0)", $"the route now sends requests to {Payments}; it is taken over for this function" },
            route.Notes.ToArray());
    }

    [TestMethod]
    public void Api_source_warns_when_no_stage_sets_the_variable_or_a_stage_names_a_missing_alias()
    {
        var unset = Plan(Push(Route("lambdaAlias")), State(apis: [Api(stages: [new LiveStage("prod", new Dictionary<string, string>())])]));
        var missing = Plan(Push(Route("lambdaAlias")), State(apis: [Api(stages: [Stage("prod", "live"), Stage("beta", "gone")])], missingAliases: ["gone"]));

        Assert.AreEqual(DiagnosticCodes.StageVariableUnset, unset.Diagnostics.Single().Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, unset.Diagnostics.Single().Severity);
        Assert.AreEqual(ResourceKind.RouteIntegration, unset.Changes.Single().Kind);
        Assert.AreEqual(
            $"A stage of API {ApiId} sets 'lambdaAlias' to 'gone', but the function has no alias 'gone': requests through that stage fail until it exists.",
            missing.Diagnostics.Single().Message);
        CollectionAssert.AreEqual(
            new[] { $"permission live/{ApiSid}", $"route-integration apigw:{ApiId}/GET /orders" },
            missing.Changes.Select(c => c.Address).ToArray());
    }

    [TestMethod]
    public void Missing_api_or_route_is_a_coded_error()
    {
        var noApi = Plan(Push(Route(null)), State(apis: [new LiveHttpApi(ApiId, false, null, [], [], [])]));
        var noRoute = Plan(Push(Route(null)), State(apis: [Api(routes: [])]));

        Assert.AreEqual(DiagnosticCodes.ApiNotFound, noApi.Diagnostics.Single().Code);
        Assert.AreEqual($"The API {ApiId} has no route {RouteId}: create the route before wiring it.", noRoute.Diagnostics.Single().Message);
        Assert.IsEmpty(noApi.Changes);
        Assert.IsEmpty(noRoute.Changes);
    }

    [TestMethod]
    public void Owned_statements_that_left_the_files_are_drift_without_prune_and_deleted_with_their_registration_and_route_with_prune()
    {
        var api = Api(integrations: [Proxy("int1", FunctionArn) with { Description = RouteDiff.Marker(Owner) }]) with
        {
            Routes = [new LiveRoute(RouteId, "GET /orders", "integrations/int1")],
        };
        var live = State(groups: [Group(FunctionArn)], apis: [api], policies: new() { ["live"] = [ElbStatement(), ApiStatement(), Unowned()] });

        var drift = Plan(Push(), live);
        var pruned = Plan(Push(), live, prune: true);

        Assert.AreEqual(
            $$"""
            Drift target-registration elb:orders-tg [{{FunctionArn}}]
              Target: "{{FunctionArn}}" -> (absent)
              note: created by gitmoxi and no longer declared; prune is off
            Drift route-integration apigw:{{ApiId}}/GET /orders [{{RouteId}}]
              Target: "integrations/int1" -> (absent)
              IntegrationUri: "{{FunctionArn}}" -> (absent)
              note: created by gitmoxi and no longer declared; prune is off
            Drift permission live/{{ElbSid}} [{{ElbSid}}]
              SourceArn: "{{TargetGroupArn}}" -> (absent)
              note: created by gitmoxi and no longer declared; prune is off
            Drift permission live/{{ApiSid}} [{{ApiSid}}]
              SourceArn: "arn:aws:execute-api:us-east-1:123456789012:{{ApiId}}/*/GET/orders" -> (absent)
              note: created by gitmoxi and no longer declared; prune is off
            Drift permission live/hand-made [hand-made]
              note: not created by gitmoxi; never removed

            """,
            Describe(drift));
        Assert.AreEqual(
            $$"""
            Delete target-registration elb:orders-tg [{{FunctionArn}}]
              Target: "{{FunctionArn}}" -> (absent)
              op: {"op":"deregisterTarget","targetGroupArn":"{{TargetGroupArn}}","targetId":"{{FunctionArn}}"}
              note: created by gitmoxi and no longer declared; prune is on
            Delete route-integration apigw:{{ApiId}}/GET /orders [{{RouteId}}]
              Target: "integrations/int1" -> (absent)
              IntegrationUri: "{{FunctionArn}}" -> (absent)
              op: {"op":"detachRoute","apiId":"{{ApiId}}","routeId":"{{RouteId}}","deleteIntegrationId":"int1"}
              note: created by gitmoxi and no longer declared; prune is on
              note: integration int1 was created by gitmoxi and no other route uses it: it is deleted
            Delete permission live/{{ElbSid}} [{{ElbSid}}]
              SourceArn: "{{TargetGroupArn}}" -> (absent)
              op: {"op":"removeStatement","functionName":"{{Unqualified}}","qualifier":"live","statementId":"{{ElbSid}}"}
              note: created by gitmoxi and no longer declared; prune is on
            Delete permission live/{{ApiSid}} [{{ApiSid}}]
              SourceArn: "arn:aws:execute-api:us-east-1:123456789012:{{ApiId}}/*/GET/orders" -> (absent)
              op: {"op":"removeStatement","functionName":"{{Unqualified}}","qualifier":"live","statementId":"{{ApiSid}}"}
              note: created by gitmoxi and no longer declared; prune is on
            Drift permission live/hand-made [hand-made]
              note: not created by gitmoxi; never removed

            """,
            Describe(pruned));
    }

    [TestMethod]
    [DataRow("GET /orders", "a1b2c3d4e5/*/GET/orders")]
    [DataRow("ANY /items", "a1b2c3d4e5/*/*/items")]
    [DataRow("POST /orders/{id}", "a1b2c3d4e5/*/POST/orders/{id}")]
    [DataRow("$default", "a1b2c3d4e5/*")]
    public void Route_source_arn_follows_the_route_key(string routeKey, string resource)
    {
        Assert.AreEqual("arn:aws:execute-api:us-east-1:123456789012:" + resource, PushSources.RouteSourceArn(FunctionArn, ApiId, routeKey));
    }

    [TestMethod]
    public void Statement_ids_are_deterministic_and_within_lambdas_pattern()
    {
        var longArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" + new string('x', 32) + "/0123456789abcdef";

        Assert.AreEqual(StatementIds.Elb(Owner, longArn), StatementIds.Elb(Owner, longArn));
        Assert.AreNotEqual(StatementIds.Elb(Owner, longArn), ElbSid);
        foreach (var sid in new[] { StatementIds.Elb(Owner, longArn), ApiSid })
        {
            Assert.IsTrue(StatementIdPattern().IsMatch(sid), sid);
        }

        // The repository's hash names the owner: sha256("octo/orders") starts b1787ced.
        Assert.AreEqual("gitmoxi-apigw-b1787ced-a1b2c3d4e5-r1s2t3u", ApiSid);
        Assert.AreEqual(new StatementIdParts(StatementIds.ApiGatewayKind, "b1787ced", "a1b2c3d4e5-r1s2t3u"), StatementIds.Parse(ApiSid));
        Assert.AreEqual(new StatementIdParts(StatementIds.ApiGatewayKind, null, "a1b2c3d4e5-r1s2t3u"), StatementIds.Parse(StatementIds.LegacyApiGateway(ApiId, RouteId)));
        Assert.IsTrue(StatementIds.Parse(StatementIds.LegacyElb(TargetGroupArn))!.IsLegacy);
        Assert.IsNull(StatementIds.Parse("hand-made"));
    }

    [TestMethod]
    public void Policy_statements_are_read_with_their_source_arn_and_other_conditions_apart()
    {
        var statements = PushSources.ParsePolicy("""
            {"Version":"2012-10-17","Id":"default","Statement":[
              {"Sid":"a","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"r",
               "Condition":{"ArnLike":{"AWS:SourceArn":"arn:x"}}},
              {"Sid":"b","Effect":"Allow","Principal":"*","Action":["lambda:InvokeFunction"],"Resource":"r",
               "Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"}}}]}
            """);

        CollectionAssert.AreEqual(
            new[]
            {
                new LiveStatement("a", "Allow", "apigateway.amazonaws.com", "lambda:InvokeFunction", "arn:x", null),
                new LiveStatement("b", "Allow", "*", "lambda:InvokeFunction", null, """{"StringEquals":{"AWS:SourceAccount":"123456789012"}}"""),
            },
            statements.ToArray());
    }

    [GeneratedRegex("^[a-zA-Z0-9-_]{1,100}$")]
    private static partial Regex StatementIdPattern();

    private static Planned Plan(FunctionDefinition function, LivePushState live, bool prune = false) => PlanPush(function, live, prune);

    private static FunctionDefinition Push(params PushSource[] sources) => new("orders/orders", PlanningFixtures.File, "orders", "live", sources, []);

    private static ElbPushSource Elb(string arn = TargetGroupArn) => new(arn, ElbSpan);

    private static ApiGatewayPushSource Route(string? stageVariable) => new(ApiId, RouteId, stageVariable, ApiSpan);

    private static LiveTargetGroup Group(params string[] registered) => new(TargetGroupArn, true, "lambda", registered, []);

    private static LiveHttpApi Api(LiveRoute[]? routes = null, LiveIntegration[]? integrations = null, LiveStage[]? stages = null) =>
        new(ApiId, true, "HTTP", routes ?? [new LiveRoute(RouteId, "GET /orders", null)], integrations ?? [], stages ?? []);

    private static LiveIntegration Proxy(string id, string uri) => new(id, "AWS_PROXY", uri, "2.0", null);

    private static LiveStage Stage(string name, string alias) => new(name, new Dictionary<string, string> { ["lambdaAlias"] = alias });

    [TestMethod]
    public void A_draining_target_of_the_declared_alias_is_leaving_and_is_registered_again()
    {
        var draining = new LiveTargetGroup(TargetGroupArn, true, "lambda", [], [FunctionArn]);

        var plan = Plan(Push(Elb()), State(groups: [draining], policies: new() { ["live"] = [ElbStatement()] }));

        Assert.AreEqual(
            $$"""
            NoOp permission live/{{ElbSid}} [{{ElbSid}}] @ orders/orders_lambdaeventsourcedef.json(3,5)
            Create target-registration elb:orders-tg @ orders/orders_lambdaeventsourcedef.json(3,5)
              Target: (absent) -> "{{FunctionArn}}"
              op: {"op":"registerTarget","targetGroupArn":"{{TargetGroupArn}}","targetId":"{{FunctionArn}}","deregister":[]}
              note: registered after its permission, which lets Elastic Load Balancing invoke the function

            """,
            Describe(plan));
    }

    [TestMethod]
    public void Another_function_draining_from_the_group_still_holds_it()
    {
        var payments = "arn:aws:lambda:us-east-1:123456789012:function:payments:live";
        var draining = new LiveTargetGroup(TargetGroupArn, true, "lambda", [], [payments]);

        var plan = Plan(Push(Elb()), State(groups: [draining]));

        Assert.IsEmpty(plan.Changes);
        Assert.AreEqual(DiagnosticCodes.TargetGroupTaken, plan.Diagnostics.Single().Code);
        StringAssert.Contains(plan.Diagnostics.Single().Message, payments);
    }

    private static LiveStatement ElbStatement() =>
        new(ElbSid, "Allow", EventSourceFileValidator.ElbService, PermissionStatement.InvokeAction, TargetGroupArn, null);

    private static LiveStatement ApiStatement() =>
        new(ApiSid, "Allow", EventSourceFileValidator.ApiGatewayService, PermissionStatement.InvokeAction, $"arn:aws:execute-api:us-east-1:123456789012:{ApiId}/*/GET/orders", null);

    private static LiveStatement Unowned() => new("hand-made", "Allow", EventSourceFileValidator.ElbService, PermissionStatement.InvokeAction, TargetGroupArn, null);

    private static LivePushState State(
        LiveTargetGroup[]? groups = null,
        LiveHttpApi[]? apis = null,
        Dictionary<string, IReadOnlyList<LiveStatement>>? policies = null,
        string[]? missingAliases = null) =>
        new(
            (groups ?? []).ToDictionary(g => g.Arn, StringComparer.Ordinal),
            (apis ?? []).ToDictionary(a => a.ApiId, StringComparer.Ordinal),
            policies ?? new Dictionary<string, IReadOnlyList<LiveStatement>> { ["live"] = [] },
            new HashSet<string>(missingAliases ?? [], StringComparer.Ordinal));
}
