using Amazon.Runtime;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Diagnostics;
using Gitmoxi.LambdaSources.Providers;
using Gitmoxi.LambdaSources.Tests.Aws;

namespace Gitmoxi.LambdaSources.Tests.Planning;

/// <summary>Which clients a group gets: one set per Region and credentials, built once; the caller's account asked once.</summary>
[TestClass]
public sealed class AwsClientSetTests
{
    private const string Own = "123456789012";
    private const string Other = "111122223333";
    private readonly List<(string Region, AWSCredentials? Credentials)> built = [];
    private readonly BasicAWSCredentials roleCredentials = new("ROLEKEY", "role-secret");
    private int callerReads;
    private int assumed;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Each_region_and_role_gets_its_own_clients_built_once_however_many_groups_ask_at_once()
    {
        var set = NewSet();
        AwsPlacement[] placements =
        [
            new("us-east-1", null), new("eu-west-1", null), new("eu-west-1", Own), new("eu-west-1", Other), new("us-east-1", Other),
        ];

        var clients = await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => placements).Select(p => set.GetAsync(p, null, TestContext.CancellationToken)));

        Assert.AreEqual(
            "us-east-1 run, us-east-1 role, eu-west-1 run, eu-west-1 role",
            string.Join(", ", built.Select(b => $"{b.Region} {(b.Credentials is null ? "run" : b.Credentials == roleCredentials ? "role" : "?")}").Order(StringComparer.Ordinal).Reverse()));
        Assert.AreSame(set.Default, clients[0]);
        Assert.AreSame(clients[1], clients[2], "the run's own account declared: the run's clients of that Region");
        Assert.AreNotSame(clients[0], clients[1]);
        Assert.AreEqual(1, callerReads);
        Assert.AreEqual(1, assumed);
    }

    [TestMethod]
    public async Task A_group_without_an_account_never_asks_sts()
    {
        var set = NewSet();

        await set.GetAsync(new AwsPlacement("ap-south-1", null), null, TestContext.CancellationToken);

        Assert.AreEqual(0, callerReads + assumed);
    }

    [TestMethod]
    public async Task An_account_that_is_not_the_callers_and_has_no_role_is_refused_at_its_declaration_before_any_client_exists()
    {
        var set = NewSet();
        var declared = new SourceSpan("ledger/ledger_lambdadepdef.json", 3, 54);

        var error = await Assert.ThrowsExactlyAsync<GitmoxiException>(() => set.GetAsync(new AwsPlacement("eu-west-1", "444455556666"), declared, TestContext.CancellationToken));

        Assert.AreEqual(DiagnosticCodes.AccountMismatch, error.Code);
        Assert.AreEqual(declared, error.Span);
        Assert.IsEmpty(built);
    }

    private AwsClientSet NewSet() => new(
        "us-east-1",
        AccountRoles.Parse($"{Other}=arn:aws:iam::{Other}:role/deployer", "account-roles"),
        (region, credentials) =>
        {
            lock (built)
            {
                built.Add((region, credentials));
            }

            var unused = new FakeHttpHandler();
            return AwsClients.Create(new HttpClient(unused), AwsTestSetup.Settings());
        },
        async cancellationToken =>
        {
            Interlocked.Increment(ref callerReads);
            await Task.Delay(10, cancellationToken);
            return Own;
        },
        async (account, role, cancellationToken) =>
        {
            Interlocked.Increment(ref assumed);
            await Task.Delay(10, cancellationToken);
            return roleCredentials;
        });
}
