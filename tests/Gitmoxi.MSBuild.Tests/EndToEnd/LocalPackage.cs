namespace Gitmoxi.MSBuild.Tests.EndToEnd;

/// <summary>
/// Gitmoxi.LambdaSources.MSBuild packed from this repository into a private folder feed, under a version no other run
/// uses, so NuGet's global cache can never hand a test an older build of the package.
/// </summary>
internal sealed class LocalPackage : IDisposable
{
    public const string Id = "Gitmoxi.LambdaSources.MSBuild";

    private LocalPackage(string feed, string version)
    {
        Feed = feed;
        Version = version;
    }

    public string Feed { get; }

    public string Version { get; }

    public static async Task<LocalPackage> PackAsync(CancellationToken cancellationToken)
    {
        var feed = Directory.CreateTempSubdirectory("gitmoxi-feed-").FullName;
        var version = $"0.0.0-e2e-{Guid.NewGuid():N}";
        var project = Path.Combine(RepositoryRoot(), "src", "Gitmoxi.MSBuild", "Gitmoxi.MSBuild.csproj");
        // PackageVersion only: the assembly versions stay as built, so packing does not rebuild the task project.
        var result = await DotNetCli.RunAsync(
            feed, ["pack", project, "-c", Configuration, "-o", feed, $"-p:PackageVersion={version}"], null, cancellationToken);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        return new LocalPackage(feed, version);
    }

    /// <summary>A NuGet.config that adds the feed to the machine's usual sources.</summary>
    public string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="gitmoxi-e2e" value="{Feed}" />
          </packageSources>
        </configuration>
        """;

    public void Dispose()
    {
        Directory.Delete(Feed, recursive: true);
        var cached = Path.Combine(GlobalPackagesFolder(), Id.ToLowerInvariant(), Version);
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gitmoxi.Action.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Gitmoxi.Action.sln above {AppContext.BaseDirectory}.");
    }
}
