using System.Text;
using Gitmoxi.LambdaSources.Definitions;

namespace Gitmoxi.LambdaSources.Tests.Definitions;

/// <summary>A throwaway directory of definition files, deleted when the test ends.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "gmx-defs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempTree Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return this;
    }

    public TempTree WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    public Task<DefinitionSet> ReadAsync(string path = ".", string? defaultFunctionName = null, string? defaultAlias = null) =>
        DefinitionReader.ReadAsync(path, new DefinitionOptions(Root, defaultFunctionName, defaultAlias), CancellationToken.None);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
