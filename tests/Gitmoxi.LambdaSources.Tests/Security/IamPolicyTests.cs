using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gitmoxi.LambdaSources.Aws.ApiGateway;
using Gitmoxi.LambdaSources.Aws.ApiGatewayV2;
using Gitmoxi.LambdaSources.Aws.CloudWatchLogs;
using Gitmoxi.LambdaSources.Aws.ElasticLoadBalancingV2;
using Gitmoxi.LambdaSources.Aws.EventBridge;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Aws.S3;
using Gitmoxi.LambdaSources.Aws.Scheduler;
using Gitmoxi.LambdaSources.Aws.SimpleNotificationService;
using Gitmoxi.LambdaSources.Tests.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Security;

/// <summary>
/// <c>docs/iam-policy.md</c> against the operations the clients can call: each client interface method is one AWS
/// operation, so a new operation without its action in the documented policy (or an action no client uses) fails here.
/// </summary>
[TestClass]
public sealed partial class IamPolicyTests
{
    /// <summary>API Gateway is authorized by HTTP method, not by operation name: the method of each client operation.</summary>
    private static readonly Dictionary<string, string> ApiGatewayMethods = new(StringComparer.Ordinal)
    {
        ["GetApi"] = "GET",
        ["GetRoutes"] = "GET",
        ["GetIntegrations"] = "GET",
        ["GetStages"] = "GET",
        ["UpdateRoute"] = "PATCH",
        ["CreateIntegration"] = "POST",
        ["DeleteIntegration"] = "DELETE",
    };

    /// <summary>S3 authorizes some operations under another action name (Service Authorization Reference, Amazon S3).</summary>
    private static readonly Dictionary<string, string> S3Actions = new(StringComparer.Ordinal)
    {
        ["GetBucketNotificationConfiguration"] = "s3:GetBucketNotification",
        ["PutBucketNotificationConfiguration"] = "s3:PutBucketNotification",
    };

    /// <summary>The same for the REST API (v1) client.</summary>
    private static readonly Dictionary<string, string> RestApiMethods = new(StringComparer.Ordinal)
    {
        ["GetResource"] = "GET",
        ["GetMethod"] = "GET",
        ["GetStages"] = "GET",
        ["PutIntegration"] = "PUT",
        ["DeleteIntegration"] = "DELETE",
        ["CreateDeployment"] = "POST",
    };

    [TestMethod]
    public void Apply_policy_lists_exactly_the_actions_of_every_client_operation() =>
        CollectionAssert.AreEquivalent(
            Actions(readOnly: false).ToList(),
            PolicyActions("Apply").ToList(),
            $"code: {string.Join(", ", Actions(readOnly: false))}");

    [TestMethod]
    public void Plan_only_policy_lists_exactly_the_actions_of_the_read_operations() =>
        CollectionAssert.AreEquivalent(
            Actions(readOnly: true).ToList(),
            PolicyActions("Plan only").ToList(),
            $"code: {string.Join(", ", Actions(readOnly: true))}");

    [TestMethod]
    public void Every_api_gateway_operation_has_its_http_method()
    {
        CollectionAssert.AreEquivalent(ApiGatewayMethods.Keys.ToList(), Operations(typeof(AmazonApiGatewayV2Client)).ToList());
        CollectionAssert.AreEquivalent(RestApiMethods.Keys.ToList(), Operations(typeof(AmazonAPIGatewayClient)).ToList());
    }

    private static SortedSet<string> Actions(bool readOnly)
    {
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (prefix, client) in new[]
        {
            ("lambda", typeof(AmazonLambdaClient)),
            ("elasticloadbalancing", typeof(AmazonElasticLoadBalancingV2Client)),
            ("scheduler", typeof(AmazonSchedulerClient)),
            ("sns", typeof(AmazonSimpleNotificationServiceClient)),
            ("events", typeof(AmazonEventBridgeClient)),
            ("logs", typeof(AmazonCloudWatchLogsClient)),
        })
        {
            actions.UnionWith(Operations(client).Where(o => !readOnly || IsRead(o)).Select(o => $"{prefix}:{o}"));
        }

        actions.UnionWith(Operations(typeof(AmazonApiGatewayV2Client)).Where(o => !readOnly || IsRead(o)).Select(o => "apigateway:" + ApiGatewayMethods[o]));
        actions.UnionWith(Operations(typeof(AmazonS3Client)).Where(o => !readOnly || IsRead(o)).Select(o => S3Actions[o]));
        actions.UnionWith(Operations(typeof(AmazonAPIGatewayClient)).Where(o => !readOnly || IsRead(o)).Select(o => "apigateway:" + RestApiMethods[o]));
        if (!readOnly)
        {
            // CreateSchedule and UpdateSchedule hand the schedule's execution role (Target.RoleArn) to Scheduler.
            actions.Add("iam:PassRole");
        }

        return actions;
    }

    private static IEnumerable<string> Operations(Type client) =>
        client.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length])
            .Distinct(StringComparer.Ordinal);

    private static bool IsRead(string operation) =>
        operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal)
        || operation.StartsWith("Describe", StringComparison.Ordinal);

    /// <summary>The actions allowed by the JSON block under the heading <paramref name="heading"/>.</summary>
    private static SortedSet<string> PolicyActions(string heading)
    {
        var document = File.ReadAllText(CorpusTests.RepositoryFile("docs/iam-policy.md"));
        var section = document[(document.IndexOf($"\n## {heading}\n", StringComparison.Ordinal) + 1)..];
        var json = JsonBlock().Match(section);
        Assert.IsTrue(json.Success, $"no JSON policy under '## {heading}'");
        var policy = JsonNode.Parse(json.Groups["json"].Value)!;
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var statement in policy["Statement"]!.AsArray())
        {
            Assert.AreEqual("Allow", (string?)statement!["Effect"]);
            var action = statement["Action"]!;
            actions.UnionWith(action is JsonArray list ? list.Select(a => (string)a!) : [(string)action!]);
        }

        return actions;
    }

    [GeneratedRegex("```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
