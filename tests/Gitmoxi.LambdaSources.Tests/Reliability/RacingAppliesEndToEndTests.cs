using System.Diagnostics;
using System.Globalization;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.LambdaSources.Providers.RouteIntegration;
using Gitmoxi.LambdaSources.Rendering;
using Gitmoxi.TestSupport;

namespace Gitmoxi.LambdaSources.Tests.Reliability;

/// <summary>
/// Twenty applies of one repository started at once (twenty engines, as twenty workflow runs, MSBuild deploys or
/// manual runs would be: nothing serializes them), then every resource counted through the clients: mappings per
/// function, statements per function, registrations per target group and integrations per API. Integrations have no
/// natural key, so they are what racing runs used to duplicate. Also: an integration with this repository's marker
/// that no route uses is drift and pruned, and one without it never touched.
/// </summary>
[TestClass]
public sealed class RacingAppliesEndToEndTests : EmulatorFixture<RacingAppliesEndToEndTests>
{
    private const int Racers = 20;
    private static readonly bool Full = Environment.GetEnvironmentVariable("GITMOXI_RELIABILITY_FULL") == "1";
    private static readonly int Functions = Full ? 10 : 4;
    private static readonly int[] Seeds = Full ? [3, 11, 23] : [11];

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Twenty_applies_of_a_push_only_repository_at_once_all_succeed_with_one_integration_per_route_and_no_orphan()
    {
        foreach (var seed in Seeds)
        {
            using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token, mappings: false);

            var runs = await RaceAsync(fleet, seed);

            AssertAllSucceeded(runs, seed);
            await AssertExactAsync(fleet, seed);
        }
    }

    [TestMethod]
    public async Task Twenty_applies_of_a_repository_with_mappings_target_groups_and_routes_at_once_leave_no_duplicate_and_no_orphan()
    {
        foreach (var seed in Seeds)
        {
            using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token);

            var runs = await RaceAsync(fleet, seed);

            AssertAllSucceeded(runs, seed);
            await AssertExactAsync(fleet, seed);
        }
    }

    [TestMethod]
    public async Task Twenty_applies_at_once_whose_integration_writes_lose_answers_still_end_with_one_integration_per_route()
    {
        using var fleet = await FleetRepository.CreateAsync(emulator, Functions, Token, mappings: false);
        var lostAnswers = new FaultProfile(5, 0.25, [FaultKind.InternalError, FaultKind.ConnectionReset])
        {
            Operations = ["apigateway:CreateIntegration", "apigateway:UpdateRoute", "apigateway:DeleteIntegration"],
            Phase = FaultPhase.AfterRequest,
        };

        var runs = await RaceAsync(fleet, 5, lostAnswers);

        AssertAllSucceeded(runs, 5);
        await AssertExactAsync(fleet, 5);
    }

    [TestMethod]
    public async Task An_integration_with_this_repositorys_marker_that_no_route_uses_is_drift_and_prune_deletes_it_but_never_a_foreign_one()
    {
        using var fleet = await FleetRepository.CreateAsync(emulator, 2, Token, mappings: false);
        Assert.IsTrue((await fleet.ApplyAsync(Token)).Succeeded);
        var function = FleetRepository.Name(0);
        var ours = RouteDiff.Marker(new OwnerIdentity(string.Empty, string.Empty));
        var orphan = await fleet.CreateIntegrationAsync(function, ours, Token);
        var unmarked = await fleet.CreateIntegrationAsync(function, null, Token);
        var otherRepository = await fleet.CreateIntegrationAsync(function, RouteDiff.Marker(new OwnerIdentity("someone/else", string.Empty)), Token);
        var handWritten = await fleet.CreateIntegrationAsync(function, "Created by hand", Token);

        var drift = await fleet.PlanAsync(Token);

        Assert.IsFalse(drift.Plan.Totals.HasChanges, PlanTextRenderer.Render(drift.Plan));
        var observed = drift.Plan.Functions.SelectMany(f => f.Drift).Where(d => d.Kind == ResourceKind.RouteIntegration).ToList();
        Assert.AreEqual(
            $"route-integration apigw:{fleet.Api.Id}/integrations/{orphan} [{orphan}]: created by gitmoxi for this repository and used by no route; prune is off",
            string.Join("\n", observed.Select(d => $"{d.Address} [{d.LiveId}]: {d.Reason}")));
        StringAssert.Contains(PlanTextRenderer.Render(drift.Plan), $"integrations/{orphan}");

        var pruned = await fleet.ApplyAsync(Token, prune: true);

        Assert.IsTrue(pruned.Succeeded, ApplyResultTextRenderer.Render(pruned.Result!));
        var deleted = pruned.Result!.Functions.SelectMany(f => f.Changes).Where(c => c.Change.Operation is DeleteOrphanIntegration).ToList();
        Assert.AreEqual($"{orphan} {ChangeOutcome.Succeeded}", string.Join(", ", deleted.Select(c => $"{c.Change.LiveId} {c.Outcome}")));
        var left = (await fleet.IntegrationsAsync(Token)).Select(i => i.IntegrationId!).ToHashSet(StringComparer.Ordinal);
        Assert.IsFalse(left.Contains(orphan), "the orphan with this repository's marker is deleted");
        CollectionAssert.IsSubsetOf(new[] { unmarked, otherRepository, handWritten }, left.ToArray(), "integrations without this repository's marker stay");
        var again = await fleet.PlanAsync(Token);
        Assert.IsFalse(again.Plan.Totals.HasChanges, PlanTextRenderer.Render(again.Plan));
        Assert.IsEmpty(again.Plan.Functions.SelectMany(f => f.Drift).Where(d => d.Kind == ResourceKind.RouteIntegration));
    }

    [TestMethod]
    public async Task A_racing_apply_adopts_only_a_mapping_with_its_own_owner_tags_and_fails_on_another_repositorys()
    {
        using var fleet = await FleetRepository.CreateAsync(emulator, 2, Token);
        string[] repositories = ["octo/one", "octo/two"];

        var runs = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
        {
            var repository = repositories[i % 2];
            return Task.Run(async () => (Repository: repository, Outcome: await fleet.ApplyAsync(Token, repository: repository)), Token);
        }));

        var refused = 0;
        for (var i = 0; i < fleet.Count; i++)
        {
            var name = FleetRepository.Name(i);
            var winner = (await fleet.MappingTagsAsync(name, Token)).Single()["gitmoxi:repository"];
            foreach (var (repository, outcome) in runs)
            {
                var create = outcome.Result?.Functions.Where(f => f.Plan.FunctionName == name).SelectMany(f => f.Changes)
                    .SingleOrDefault(c => c.Change.Operation is Providers.EventSourceMapping.CreateMapping);
                if (create is null)
                {
                    continue;
                }

                if (repository == winner)
                {
                    Assert.AreEqual(ChangeOutcome.Succeeded, create.Outcome, $"{repository} {name}: {create.Error}");
                }
                else
                {
                    Assert.AreEqual(ChangeOutcome.Failed, create.Outcome, $"{repository} adopted {winner}'s mapping of {name}");
                    StringAssert.Contains(create.Error, "was created since the plan was made");
                    refused++;
                }
            }
        }

        Assert.IsGreaterThan(0, refused, "no run met the other repository's mapping");
        TestContext.WriteLine($"{refused} creates refused another repository's mapping");
    }

    /// <summary>Twenty applies started together; seeded latency on a third of the calls varies how they interleave.</summary>
    /// <param name="faults">Instead of the seeded latency, these faults.</param>
    private async Task<RunOutcome[]> RaceAsync(FleetRepository fleet, int seed, FaultProfile? faults = null)
    {
        var interleaving = new FaultProfile(seed, 0.3, [FaultKind.Latency]) { Latency = TimeSpan.Zero, Jitter = TimeSpan.FromMilliseconds(60) };
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant with { Faults = faults ?? interleaving }, Token);
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(() => fleet.ApplyAsync(Token), Token)));
        var elapsed = clock.Elapsed;
        var counts = await emulator.GetRequestCountsAsync(Token);
        var writes = counts.Operations.Where(o => o.IsWrite)
            .GroupBy(o => o.Name).Select(g => $"{g.Key} {g.Sum(o => o.Count)}").Order(StringComparer.Ordinal)
            .Append($"{counts.Faults.Where(f => f.Kind != "latency").Sum(f => f.Count)} faulted");
        await emulator.ConfigureAsync(EmulatorConfiguration.Instant, Token);
        TestContext.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"seed {seed}: {Racers} applies of {fleet.Count} functions in {elapsed.TotalSeconds:F1}s; writes: {string.Join(", ", writes)}"));
        return runs;
    }

    private static void AssertAllSucceeded(RunOutcome[] runs, int seed)
    {
        var failed = runs.Where(r => !r.Succeeded).Select(r => r.Result is { } result ? ApplyResultTextRenderer.Render(result) : PlanTextRenderer.Render(r.Plan)).ToList();
        Assert.IsEmpty(failed, $"seed {seed}: {failed.Count} of {runs.Length} applies failed:\n{string.Join("\n---\n", failed.Take(2))}");
    }

    /// <summary>Exactly the desired resources, counted through the clients, and a plan afterwards with nothing to do or report.</summary>
    private async Task AssertExactAsync(FleetRepository fleet, int seed)
    {
        var differences = await fleet.DifferencesAsync(Token);
        Assert.IsEmpty(differences, $"seed {seed}:\n{string.Join("\n", differences)}");
        Assert.HasCount(fleet.Count, await fleet.IntegrationsAsync(Token), $"seed {seed}: integrations of the API");
        var after = await fleet.PlanAsync(Token);
        Assert.IsFalse(after.Plan.Totals.HasChanges, $"seed {seed}: {PlanTextRenderer.Render(after.Plan)}");
        Assert.IsEmpty(after.Plan.Functions.SelectMany(f => f.Drift), $"seed {seed}: {PlanTextRenderer.Render(after.Plan)}");
    }
}
