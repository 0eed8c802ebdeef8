using System.Net;
using System.Text;
using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.Lambda;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Tests.Planning;

[TestClass]
public sealed class PlannerConcurrencyTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Plans_of_many_functions_read_in_parallel_but_never_more_than_the_bound()
    {
        using var handler = new SlowLambdaHandler();
        using var http = new HttpClient(handler);
        var settings = new AwsSettings("us-east-1", new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        var lambda = new AmazonLambdaClient(http, settings);
        var functions = Enumerable.Range(1, 12)
            .Select(i => new FunctionDefinition($"f{i}/f{i}", $"f{i}/f{i}_lambdaeventsourcedef.json", $"f{i}", null, [], []))
            .ToList();

        var clients = AwsClients.Create(http, settings) with { Lambda = lambda };
        var plan = await new Planner(AwsClientSet.Fixed(clients, settings.Region, "123456789012"), new EngineOptions(MaxConcurrency: 3), NullLogger.Instance)
            .PlanAsync(new DefinitionSet(functions, []), TestContext.CancellationToken);

        Assert.HasCount(12, plan.Functions);
        Assert.AreEqual(3, handler.MaxInFlight, "12 functions with a bound of 3 keep exactly 3 reads in flight");
        Assert.AreEqual(1, handler.Lists, "one account-wide list serves every function");
    }

    /// <summary>Answers GetFunction after a short delay, counting how many are in flight at once.</summary>
    private sealed class SlowLambdaHandler : HttpMessageHandler
    {
        private int inFlight;
        private int maxInFlight;
        private int lists;

        public int MaxInFlight => maxInFlight;

        public int Lists => lists;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path.EndsWith("/event-source-mappings", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref lists);
                return Json("""{ "EventSourceMappings": [] }""");
            }

            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            await Task.Delay(50, cancellationToken);
            Interlocked.Decrement(ref inFlight);
            var name = path.Split('/')[^1];
            return Json($$"""{ "Configuration": { "FunctionName": "{{name}}", "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:{{name}}" } }""");
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
