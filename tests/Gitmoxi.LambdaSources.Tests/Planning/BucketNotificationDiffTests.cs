using System.Text;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Aws.S3.Model;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Providers.BucketNotification;
using Gitmoxi.LambdaSources.Providers.EventSourceMapping;
using Gitmoxi.LambdaSources.Providers.Permission;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>The pure S3 diff over bucket configurations as S3 returns them (XML), and the overlap rule S3 refuses writes by.</summary>
[TestClass]
public sealed class BucketNotificationDiffTests
{
    private const string Bucket = "uploads-bucket";
    private const string Unqualified = "arn:aws:lambda:us-east-1:123456789012:function:orders";
    private static readonly SourceSpan Span = new(PlanningFixtures.File, 3, 5);

    private static string OurId => BucketNotificationDiff.ConfigurationId(PlanningFixtures.Owner, Unqualified, Bucket, "prefix=in/");

    private static string Sid => StatementIds.S3(PlanningFixtures.Owner, Bucket);

    [TestMethod]
    [DataRow("s3:ObjectCreated:*", "in/", null, "s3:ObjectCreated:Put", "in/new/", null, true, DisplayName = "wildcard covers its kind; nested prefixes")]
    [DataRow("s3:ObjectCreated:*", "in/", null, "s3:ObjectCreated:*", "out/", null, false, DisplayName = "disjoint prefixes")]
    [DataRow("s3:ObjectCreated:*", "in/", ".jpg", "s3:ObjectCreated:*", "in/", ".png", false, DisplayName = "same prefix, disjoint suffixes")]
    [DataRow("s3:ObjectCreated:*", null, ".jpg", "s3:ObjectCreated:*", "in/", "photo.jpg", true, DisplayName = "no prefix matches every key; nested suffixes")]
    [DataRow("s3:ObjectRemoved:*", "in/", null, "s3:ObjectCreated:*", "in/", null, false, DisplayName = "no shared event type")]
    [DataRow("s3:ObjectCreated:Put", null, null, "s3:ObjectCreated:Copy", null, null, false, DisplayName = "two types of one kind")]
    public void Configurations_overlap_when_they_share_an_event_type_for_keys_both_filters_match(
        string eventA, string? prefixA, string? suffixA, string eventB, string? prefixB, string? suffixB, bool overlap) =>
        Assert.AreEqual(overlap, BucketNotificationDiff.Overlap([eventA], Rules(prefixA, suffixA), [eventB], Rules(prefixB, suffixB)));

    [TestMethod]
    public void A_configuration_s3_echoes_in_its_own_order_and_case_is_no_change()
    {
        var live = Live($"""
            <CloudFunctionConfiguration><Id>{OurId}</Id><CloudFunction>{Unqualified}:live</CloudFunction>
              <Event>s3:ObjectRemoved:*</Event><Event>s3:ObjectCreated:*</Event>
              <Filter><S3Key><FilterRule><Name>Prefix</Name><Value>in/</Value></FilterRule></S3Key></Filter></CloudFunctionConfiguration>
            """);

        var planned = Plan(live, prune: false, Declared("s3:ObjectCreated:*", "s3:ObjectRemoved:*"), Statement(Sid));

        Assert.AreEqual(
            $"""
            NoOp permission live/{Sid} [{Sid}] @ {Span}
            NoOp bucket-notification s3:{Bucket}/{OurId} [{OurId}] @ {Span}

            """,
            PlanningFixtures.Describe(planned));
    }

    [TestMethod]
    public void Only_this_repositorys_configuration_of_this_function_is_pruned_and_the_others_are_drift()
    {
        var stale = BucketNotificationDiff.ConfigurationId(PlanningFixtures.Owner, Unqualified, Bucket, "prefix=old/");
        var live = Live($"""
            <QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:123456789012:uploads</Queue><Event>s3:ObjectCreated:*</Event></QueueConfiguration>
            <CloudFunctionConfiguration><Id>{stale}</Id><CloudFunction>{Unqualified}:live</CloudFunction><Event>s3:ObjectRemoved:*</Event></CloudFunctionConfiguration>
            <CloudFunctionConfiguration><Id>gitmoxi-0badc0de-0123456789abcdef</Id><CloudFunction>{Unqualified}:live</CloudFunction><Event>s3:ObjectRestore:*</Event></CloudFunctionConfiguration>
            <CloudFunctionConfiguration><Id>by-hand</Id><CloudFunction>{Unqualified}</CloudFunction><Event>s3:ObjectTagging:*</Event></CloudFunctionConfiguration>
            <EventBridgeConfiguration/>
            """);

        var planned = Plan(live, prune: true, null, Statement(Sid));

        Assert.AreEqual(
            $$"""
            Delete bucket-notification s3:{{Bucket}}/{{stale}} [{{stale}}]
              LambdaFunctionArn: "{{Unqualified}}:live" -> (absent)
              Events: ["s3:ObjectRemoved:*"] -> (absent)
              op: {"op":"removeBucketNotification","bucket":"{{Bucket}}","expectedBucketOwner":"123456789012","base":"{{live.Base}}","id":"{{stale}}"}
              note: created by gitmoxi and no longer declared; prune is on
            Delete permission live/{{Sid}} [{{Sid}}]
              SourceArn: "arn:aws:s3:::{{Bucket}}" -> (absent)
              op: {"op":"removeStatement","functionName":"{{Unqualified}}","qualifier":"live","statementId":"{{Sid}}"}
              note: created by gitmoxi and no longer declared; prune is on
            Drift bucket-notification s3:{{Bucket}}/gitmoxi-0badc0de-0123456789abcdef [gitmoxi-0badc0de-0123456789abcdef]
              LambdaFunctionArn: "{{Unqualified}}:live" -> (absent)
              Events: ["s3:ObjectRestore:*"] -> (absent)
              note: created by gitmoxi for another repository; only that repository's plan removes it
            Drift bucket-notification s3:{{Bucket}}/by-hand [by-hand]
              LambdaFunctionArn: "{{Unqualified}}" -> (absent)
              Events: ["s3:ObjectTagging:*"] -> (absent)
              note: not created by gitmoxi; never removed

            """,
            PlanningFixtures.Describe(planned));
    }

    [TestMethod]
    public void Overlap_with_a_queue_configuration_is_an_error_before_anything_is_written()
    {
        var live = Live("""
            <QueueConfiguration><Id>q</Id><Queue>arn:aws:sqs:us-east-1:123456789012:uploads</Queue><Event>s3:ObjectCreated:*</Event>
              <Filter><S3Key><FilterRule><Name>Prefix</Name><Value>in/</Value></FilterRule></S3Key></Filter></QueueConfiguration>
            """);

        var planned = Plan(live, prune: false, Declared("s3:ObjectCreated:Put"), Statement(Sid));

        Assert.IsEmpty(planned.Changes);
        Assert.AreEqual(
            $"GMX6204 The bucket {Bucket} already sends s3:ObjectCreated:* (prefix 'in/') to the queue configuration 'q'; this entry's events "
            + "s3:ObjectCreated:Put (prefix 'in/') overlap them, and S3 refuses overlapping configurations. Narrow the prefix or suffix, or pick other event types.",
            string.Join("\n", planned.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
    }

    private static List<FilterRule> Rules(string? prefix, string? suffix) =>
        [.. new[] { ("prefix", prefix), ("suffix", suffix) }.Where(r => r.Item2 is not null).Select(r => new FilterRule(r.Item1, r.Item2!))];

    private static LiveBucket Live(string elements) => new(
        Bucket, BucketState.Read,
        NotificationConfiguration.Read(RestXmlProtocol.Load(Encoding.UTF8.GetBytes(
            $"""<?xml version="1.0" encoding="UTF-8"?><NotificationConfiguration xmlns="{NotificationConfiguration.Namespace}">{elements}</NotificationConfiguration>"""))),
        null);

    private static S3PushSource Declared(params string[] events) => new(Bucket, events, [("prefix", "in/")], Span);

    private static LiveStatement Statement(string sid) =>
        new(sid, "Allow", EventSourceFileValidator.S3Service, PermissionStatement.InvokeAction, "arn:aws:s3:::" + Bucket, LiveStatement.SourceAccountCondition("123456789012"));

    private static Planned Plan(LiveBucket bucket, bool prune, S3PushSource? source, LiveStatement statement)
    {
        var function = new FunctionDefinition("orders/orders", PlanningFixtures.File, "orders", "live", source is null ? [] : [source], []);
        var target = new PlanTarget(function, PlanningFixtures.FunctionArn, PlanningFixtures.Owner, prune);
        IWiringLive[] lives = [new MappingLive([]), new BucketNotificationLive(new Dictionary<string, LiveBucket> { [Bucket] = bucket }, Unqualified)];
        var (plan, diagnostics) = Planner.Diff(target, lives, new Dictionary<string, IReadOnlyList<LiveStatement>> { ["live"] = [statement] });
        return new Planned(plan?.Changes ?? [], plan?.Drift ?? [], diagnostics);
    }
}
