using System.Collections.Concurrent;
using Gitmoxi.LambdaSources.Aws.CloudWatchLogs;
using Gitmoxi.LambdaSources.Aws.EventBridge;
using Gitmoxi.LambdaSources.Aws.SimpleNotificationService;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gitmoxi.LambdaSources.Providers;

/// <summary>The AWS clients every provider reads and writes through.</summary>
internal sealed record AwsClients(
    AmazonLambdaClient Lambda,
    AmazonElasticLoadBalancingV2Client Elb,
    AmazonApiGatewayV2Client ApiGateway,
    AmazonS3Client S3,
    Aws.Scheduler.AmazonSchedulerClient Scheduler,
    Aws.ApiGateway.AmazonAPIGatewayClient RestApi,
    AmazonSimpleNotificationServiceClient Sns,
    AmazonEventBridgeClient Events,
    AmazonCloudWatchLogsClient Logs)
{
    /// <summary>The run's progress log, for what a reader decides (how it lists mappings).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Every client over one connection pool and one set of settings (one Region and account): the one place clients are built.</summary>
    public static AwsClients Create(HttpClient http, AwsSettings settings, TimeProvider? time = null, ILogger? logger = null) => new(
        new AmazonLambdaClient(http, settings, time, logger: logger),
        new AmazonElasticLoadBalancingV2Client(http, settings, time, logger: logger),
        new AmazonApiGatewayV2Client(http, settings, time, logger: logger),
        new AmazonS3Client(http, settings, time, logger: logger),
        new Aws.Scheduler.AmazonSchedulerClient(http, settings, time, logger: logger),
        new Aws.ApiGateway.AmazonAPIGatewayClient(http, settings, time, logger: logger),
        new AmazonSimpleNotificationServiceClient(http, settings, time, logger: logger),
        new AmazonEventBridgeClient(http, settings, time, logger: logger),
        new AmazonCloudWatchLogsClient(http, settings, time, logger: logger))
    {
        Logger = logger ?? NullLogger.Instance,
    };
}

/// <summary>One function as the providers plan it.</summary>
/// <param name="QualifiedArn">The ARN (with alias or version, if any) every source is wired to.</param>
/// <param name="Owner">This repository's owner record for the function's definition file.</param>
/// <param name="Prune">Delete what this owner owns and no longer declares; off, it is drift.</param>
/// <param name="RestApiDeployStages">The stages to deploy on each REST API whose integrations this function's plan changes (<see cref="EngineOptions.RestApiDeployStages"/>).</param>
internal sealed record PlanTarget(FunctionDefinition Function, string QualifiedArn, OwnerIdentity Owner, bool Prune, IReadOnlyList<string>? RestApiDeployStages = null)
{
    public string UnqualifiedArn { get; } = FunctionArns.Unqualified(QualifiedArn);
}

/// <summary>What apply gives an applier: the clients, the options, the clock and the progress log.</summary>
/// <param name="Locks">Shared by the whole apply: what must not run at once (one function's policy writes) takes a lock by name.</param>
internal sealed record ApplyContext(AwsClients Aws, EngineOptions Options, TimeProvider Time, ILogger Logger, KeyedLocks Locks)
{
    /// <summary>
    /// What this apply wrote, by resource (<c>s3 {bucket}</c>): the state the plan was made from and the state after the
    /// apply's last write, so a later change planned from the same state knows the difference is this apply's own.
    /// </summary>
    public ConcurrentDictionary<string, (string Planned, string Latest)> Written { get; } = new(StringComparer.Ordinal);
}

/// <summary>One lock per name, for the span of one apply.</summary>
internal sealed class KeyedLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var gate = locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

/// <summary>
/// One resource kind that wires a source to a function (event source mapping, target registration, route
/// integration): a batched live read, a pure diff to typed changes, and apply. What the wiring needs of the
/// function's resource policy it declares as <see cref="PermissionRequirement"/> values; the permission provider
/// plans those.
/// </summary>
internal interface IWiringProvider : IOperationApplier
{
    /// <summary>Starts a run's reads: one reader shared by every function of the run, so nothing is read twice.</summary>
    IWiringReader StartRead(AwsClients aws, IReadOnlyList<FunctionDefinition> functions);
}

/// <summary>Executes the operations of one provider.</summary>
internal interface IOperationApplier
{
    bool Handles(ChangeOperation operation);

    /// <returns>The id of what was created (a mapping UUID, an integration id), if any.</returns>
    Task<string?> ApplyAsync(ChangeOperation operation, ApplyContext context, CancellationToken cancellationToken);
}

internal interface IWiringReader
{
    /// <summary>This kind's live state for one function: what its definition declares.</summary>
    Task<IWiringLive> ReadAsync(PlanTarget target, CancellationToken cancellationToken);

    /// <summary>Adds what this repository's statements of this kind name that <paramref name="live"/> lacks (sources that left the files), so prune can remove them.</summary>
    Task<IWiringLive> ReadOwnedAsync(PlanTarget target, IWiringLive live, IReadOnlyList<OwnedStatement> owned, CancellationToken cancellationToken);
}

/// <summary>One function's live state of one kind, as values, with the pure diff over it.</summary>
internal interface IWiringLive
{
    /// <summary>Qualifier keys (<see cref="PushSources.QualifierKey"/>) whose resource policy this kind's plan needs.</summary>
    IEnumerable<string> QualifierKeys { get; }

    /// <summary>The live values the diff reads, as canonical text: what a saved plan's staleness is checked against.</summary>
    string Fingerprint { get; }

    /// <param name="owned">This repository's statements of this kind that no declared source wants (prune candidates).</param>
    WiringPlan Diff(PlanTarget target, IReadOnlyList<OwnedStatement> owned);
}

/// <summary>A wiring provider's plan for one function.</summary>
/// <param name="Permissions">The statements the declared wiring needs.</param>
/// <param name="DeclaredStatementIds">Statement ids of every declared source, planned or not (an error leaves its statements untouched).</param>
/// <param name="SkippedStatementIds">Statement ids of declared sources that could not be planned.</param>
internal sealed record WiringPlan(
    IReadOnlyList<PlannedChange> Changes,
    IReadOnlyList<DriftObservation> Drift,
    IReadOnlyList<PermissionRequirement> Permissions,
    IReadOnlyCollection<string> DeclaredStatementIds,
    IReadOnlyCollection<string> SkippedStatementIds,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public static WiringPlan Of(IReadOnlyList<PlannedChange> changes, IReadOnlyList<DriftObservation> drift) => new(changes, drift, [], [], [], []);
}

/// <summary>Reads each key once per run, however many functions ask, and however many at once.</summary>
internal sealed class OnceReader<TKey, TValue>(Func<TKey, CancellationToken, Task<TValue>> read, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> values = new(comparer);

    public Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken) =>
        values.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => read(k, cancellationToken))).Value;
}

/// <summary>
/// One function's live state of a push kind whose sources each name a resource (a topic, a rule, a log group, a bucket):
/// the resources by name, each read through the run's <see cref="OnceReader{TKey, TValue}"/>; first those the declared
/// sources name, then those this repository's statements of the kind name that the first read lacks.
/// </summary>
internal static class NamedResources
{
    /// <returns><paramref name="known"/> and, by name, what <paramref name="read"/> gives for each name it lacks.</returns>
    public static Task<IReadOnlyDictionary<string, TValue>> AddAsync<TValue>(
        IReadOnlyDictionary<string, TValue> known, IEnumerable<string> names, Func<string, CancellationToken, Task<TValue>> read, CancellationToken cancellationToken) =>
        AddAsync(known, names, name => name, read, cancellationToken);

    /// <returns><paramref name="known"/> and, under its <paramref name="name"/>, what <paramref name="read"/> gives for each key whose name it lacks.</returns>
    public static async Task<IReadOnlyDictionary<string, TValue>> AddAsync<TKey, TValue>(
        IReadOnlyDictionary<string, TValue> known,
        IEnumerable<TKey> keys,
        Func<TKey, string> name,
        Func<TKey, CancellationToken, Task<TValue>> read,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, TValue>(known, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!found.ContainsKey(name(key)))
            {
                found[name(key)] = await read(key, cancellationToken);
            }
        }

        return found;
    }
}
