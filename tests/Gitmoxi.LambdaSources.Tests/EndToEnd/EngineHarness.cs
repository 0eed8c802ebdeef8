using Amazon.Runtime;
using Gitmoxi.LambdaSources.Applying;
using Gitmoxi.LambdaSources.Aws;
using Gitmoxi.LambdaSources.Definitions;
using Gitmoxi.LambdaSources.Planning;
using Gitmoxi.TestSupport;
using Microsoft.Extensions.Logging;

namespace Gitmoxi.LambdaSources.Tests.EndToEnd;

/// <summary>A repository of definition files in a temp folder, planned and applied against the emulator the way a host does.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly Emulator emulator;
    private readonly AccountRoles accountRoles;
    private readonly IReadOnlyList<string>? restApiDeployStages;

    /// <param name="repository">The repository identity the host names (<c>owner/name</c>); none by default.</param>
    /// <param name="accountRoles">The roles the host was given for other accounts; none by default.</param>
    /// <param name="restApiDeployStages">The REST API stages the host deploys after apply; none by default.</param>
    public EngineHarness(Emulator emulator, string? repository = null, AccountRoles? accountRoles = null, IReadOnlyList<string>? restApiDeployStages = null)
    {
        this.emulator = emulator;
        this.accountRoles = accountRoles ?? AccountRoles.None;
        this.restApiDeployStages = restApiDeployStages;
        Repository = repository;
        Root = Directory.CreateTempSubdirectory("gitmoxi-e2e-").FullName;
    }

    public string Root { get; }

    public string? Repository { get; }

    /// <summary>The owner record's repository part, as statement ids and markers carry it.</summary>
    public OwnerIdentity Owner => new(Ownership.NormalizeRepository(Repository), string.Empty);

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Root, relativePath));

    public async Task<Plan> PlanAsync(CancellationToken cancellationToken, bool prune = false)
    {
        using var engine = CreateEngine(prune);
        var definitions = await LambdaSourcesEngine.ReadAsync(".", new DefinitionOptions(Root, Repository: Repository), cancellationToken);
        return await engine.PlanAsync(definitions, cancellationToken);
    }

    public async Task<(Plan Plan, ApplyResult Result)> ApplyAsync(
        CancellationToken cancellationToken, bool prune = false, TimeSpan? waitTimeout = null, ILogger? logger = null)
    {
        using var engine = CreateEngine(prune, waitTimeout, logger);
        var definitions = await LambdaSourcesEngine.ReadAsync(".", new DefinitionOptions(Root, Repository: Repository), cancellationToken);
        var plan = await engine.PlanAsync(definitions, cancellationToken);
        return (plan, await engine.ApplyAsync(plan, cancellationToken));
    }

    /// <summary>The hosts' sequence (read, plan, save or check the plan file, apply) on this repository.</summary>
    public async Task<RunOutcome> RunAsync(RunMode mode, CancellationToken cancellationToken, string? planFile = null, bool prune = false)
    {
        using var engine = CreateEngine(prune);
        return await engine.RunAsync(new RunRequest(Root, ".", mode, PlanFile: planFile, Repository: Repository), cancellationToken);
    }

    /// <summary>Applies a plan made earlier, as a host applying a saved plan file does.</summary>
    public async Task<ApplyResult> ApplyPlanAsync(Plan plan, CancellationToken cancellationToken)
    {
        using var engine = CreateEngine(prune: false);
        return await engine.ApplyAsync(plan, cancellationToken);
    }

    private LambdaSourcesEngine CreateEngine(bool prune, TimeSpan? waitTimeout = null, ILogger? logger = null) =>
        LambdaSourcesEngine.Create(
            new AwsSettings(Emulator.Region, new BasicAWSCredentials(Emulator.AccessKeyId, Emulator.SecretAccessKey)) { Endpoint = emulator.Endpoint }
                .WithAccountRoles(accountRoles),
            new EngineOptions(Prune: prune, WaitTimeout: waitTimeout ?? TimeSpan.FromSeconds(30), RestApiDeployStages: restApiDeployStages),
            logger);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
