using System.Reflection;

namespace Gitmoxi.Action;

/// <summary>
/// The version this binary was built as: MinVer's version from the git tag (src/Directory.Build.props), the same
/// one the NuGet package and the release's image carry. SourceLink appends <c>+commit</c> to the informational
/// version; <c>--version</c> prints the version alone so scripts can compare it with a tag.
/// </summary>
public static class ProductVersion
{
    public static string Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no informational version.");
        return informational.Split('+')[0];
    }
}
