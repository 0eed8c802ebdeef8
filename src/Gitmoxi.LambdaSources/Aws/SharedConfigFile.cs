namespace Gitmoxi.LambdaSources.Aws;

/// <summary>
/// The endpoint-related part of the AWS shared config file (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html):
/// <c>[default]</c> / <c>[profile name]</c> sections of <c>key = value</c>, and <c>[services name]</c> sections whose
/// keys (<c>lambda =</c>) hold indented sub-settings (<c>endpoint_url = ...</c>). AWSSDK.Core 4.0.102 reads
/// <c>use_fips_endpoint</c> but leaves a profile's <c>endpoint_url</c> and <c>services</c> sections unread, hence this reader.
/// </summary>
internal sealed class SharedConfigFile
{
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, string>>> _nested = new(StringComparer.Ordinal);

    private SharedConfigFile()
    {
    }

    /// <summary>The file at <paramref name="path"/>, or an empty one when there is none.</summary>
    public static SharedConfigFile Read(string path) =>
        File.Exists(path) ? Parse(File.ReadAllLines(path)) : new SharedConfigFile();

    public static SharedConfigFile Parse(IEnumerable<string> lines)
    {
        var file = new SharedConfigFile();
        Dictionary<string, string>? section = null;
        Dictionary<string, Dictionary<string, string>>? nested = null;
        Dictionary<string, string>? parent = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (trimmed[0] == '[' && trimmed[^1] == ']')
            {
                var name = string.Join(' ', trimmed[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                section = file._sections.TryGetValue(name, out var existing) ? existing : file._sections[name] = new(StringComparer.Ordinal);
                nested = file._nested.TryGetValue(name, out var existingNested) ? existingNested : file._nested[name] = new(StringComparer.Ordinal);
                parent = null;
                continue;
            }

            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (section is null || nested is null || equals <= 0)
            {
                continue;
            }

            var key = trimmed[..equals].Trim().ToLowerInvariant();
            var value = trimmed[(equals + 1)..].Trim();
            if (line.Length > trimmed.Length && parent is not null)
            {
                parent[key] = value;
            }
            else if (value.Length == 0)
            {
                parent = nested[key] = new(StringComparer.Ordinal);
            }
            else
            {
                section[key] = value;
                parent = null;
            }
        }

        return file;
    }

    /// <summary>The top-level settings of a profile (<c>[default]</c> or <c>[profile name]</c>).</summary>
    public IReadOnlyDictionary<string, string> Profile(string name) =>
        _sections.TryGetValue("profile " + name, out var section) || (name == "default" && _sections.TryGetValue("default", out section))
            ? section
            : NoSettings;

    /// <summary>A <c>[services name]</c> section: settings per service key (<c>lambda</c>, <c>sts</c>, ...).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Services(string name) =>
        _nested.TryGetValue("services " + name, out var services)
            ? services.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value, StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyDictionary<string, string>>();
}
