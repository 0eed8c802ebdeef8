using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Gitmoxi.LambdaSources.Tests.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Aws;

/// <summary>
/// The engine's AWS model classes are generated from checked-in subsets of botocore's service models
/// (<c>build/codegen</c>). A subset must be botocore's own text, cut down: every operation, shape and member it keeps
/// is exactly as the installed botocore defines it. Otherwise the engine could send a member AWS does not know, or read
/// one under the wrong name, and only real AWS would tell.
/// </summary>
[TestClass]
public sealed class AwsModelSubsetTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Every_model_subset_is_botocores_text_cut_down()
    {
        var subsets = RegisteredSubsets();
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CorpusTests.RepositoryFile("build/codegen/aws_model_subset.py"));
        start.ArgumentList.Add("check");
        foreach (var subset in subsets)
        {
            start.ArgumentList.Add(subset);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.CancellationToken);
        await process.WaitForExitAsync(TestContext.CancellationToken);
        Assert.AreEqual(0, process.ExitCode, $"A model subset differs from botocore (fix it with `aws_model_subset.py refresh`):\n{await output}{await error}");
    }

    [TestMethod]
    public void Every_subset_under_the_AWS_layer_is_registered_and_names_its_botocore_service()
    {
        var root = Path.GetDirectoryName(CorpusTests.RepositoryFile("src/Gitmoxi.LambdaSources/Gitmoxi.LambdaSources.csproj"))!;
        var onDisk = Directory.GetFiles(Path.Combine(root, "Aws"), "*.json", SearchOption.AllDirectories)
            .Where(f => Path.GetDirectoryName(f) != Path.Combine(root, "Aws"))
            .Order(StringComparer.Ordinal)
            .ToList();
        CollectionAssert.AreEqual(onDisk, RegisteredSubsets());
        foreach (var subset in onDisk)
        {
            var metadata = JsonNode.Parse(File.ReadAllText(subset))!["metadata"]!;
            var name = Path.GetFileNameWithoutExtension(subset);
            Assert.AreEqual($"{metadata["botocoreService"]}-{metadata["apiVersion"]}", name, "a subset is named after its botocore service and API version");
        }
    }

    /// <summary>The <c>AwsServiceModel</c> items of the engine's project file, as full paths in ordinal order.</summary>
    private static List<string> RegisteredSubsets()
    {
        var project = CorpusTests.RepositoryFile("src/Gitmoxi.LambdaSources/Gitmoxi.LambdaSources.csproj");
        var registered = XDocument.Load(project).Descendants("AwsServiceModel")
            .Select(item => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, (string)item.Attribute("Include")!)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.IsNotEmpty(registered);
        return registered;
    }
}
