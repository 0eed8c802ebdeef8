using Gitmoxi.LambdaSources.Aws.Lambda.Model;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;

namespace Gitmoxi.LambdaSources.Tests.Applying;

/// <summary>When the loser of two racing creates may adopt the winner's mapping: only when it is exactly what its request makes.</summary>
[TestClass]
public sealed class SameMappingTests
{
    private const string Queue = "arn:aws:sqs:us-east-1:123456789012:orders";
    private static readonly OwnerIdentity Owner = new("octo/shop", "orders/orders_lambdaeventsourcedef.json");

    [TestMethod]
    public void A_mapping_with_this_definitions_tags_and_the_requested_settings_is_this_creation()
    {
        Assert.IsTrue(SameMapping.Matches(Request(), Live(), Tags()));
        Assert.IsTrue(SameMapping.Matches(Request(), Live(), Tags(("aws:cloudformation:stack-name", "s"))), "AWS's own tags do not count");
        Assert.IsTrue(SameMapping.Matches(Request(enabled: false), Live(state: "Disabled"), Tags()));
    }

    [TestMethod]
    public void Another_owner_other_tags_or_other_settings_are_not_this_creation()
    {
        var otherRepository = new Dictionary<string, string>(Ownership.Tags(new OwnerIdentity("octo/other", Owner.DefinitionPath)));
        var otherDefinition = new Dictionary<string, string>(Ownership.Tags(Owner with { DefinitionPath = "payments/payments_lambdaeventsourcedef.json" }));

        Assert.IsFalse(SameMapping.Matches(Request(), Live(), otherRepository), "another repository");
        Assert.IsFalse(SameMapping.Matches(Request(), Live(), otherDefinition), "another definition");
        Assert.IsFalse(SameMapping.Matches(Request(), Live(), new Dictionary<string, string>()), "not managed");
        Assert.IsFalse(SameMapping.Matches(Request(), Live(), Tags(("team", "a"))), "a tag the request does not set");
        Assert.IsFalse(SameMapping.Matches(Request(), Live(batchSize: 20), Tags()), "other settings");
        Assert.IsFalse(SameMapping.Matches(Request(enabled: false), Live(), Tags()), "enabled where the request disables");
        Assert.IsFalse(SameMapping.Matches(Request(), Live(state: "Creating"), Tags()), "not settled: Enabled cannot be compared");
        Assert.IsFalse(SameMapping.Matches(Request(window: 5), Live(), Tags()), "a member AWS does not echo the same");
    }

    private static CreateEventSourceMappingRequest Request(bool? enabled = null, int? window = null) => new()
    {
        FunctionName = "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
        EventSourceArn = Queue,
        BatchSize = 10,
        Enabled = enabled,
        MaximumBatchingWindowInSeconds = window,
        Tags = new Dictionary<string, string>(Ownership.Tags(Owner)),
    };

    private static GetEventSourceMappingResponse Live(int batchSize = 10, string state = "Enabled") => new()
    {
        UUID = "u-1",
        EventSourceArn = Queue,
        FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders:live",
        BatchSize = batchSize,
        MaximumBatchingWindowInSeconds = 0,
        State = state,
    };

    private static Dictionary<string, string> Tags(params (string Key, string Value)[] extra)
    {
        var tags = new Dictionary<string, string>(Ownership.Tags(Owner));
        foreach (var (key, value) in extra)
        {
            tags[key] = value;
        }

        return tags;
    }
}
