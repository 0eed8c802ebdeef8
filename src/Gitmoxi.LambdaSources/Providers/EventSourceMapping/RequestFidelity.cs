using System.Text.Json.Serialization.Metadata;

namespace Gitmoxi.LambdaSources.Providers.EventSourceMapping;

/// <summary>
/// Guards the one place a planned request body becomes a typed AWS request: a member (at any depth) the typed request
/// would not send fails the change before anything is sent. It compares the two bodies as a whole and reads no member
/// to decide what to do.
/// </summary>
internal static class RequestFidelity
{
    /// <summary>
    /// The typed request for a planned body, refused when the typed request would leave out a member the plan holds:
    /// what was validated and shown is what goes on the wire, never silently less.
    /// </summary>
    public static T Typed<T>(JsonObject body, JsonTypeInfo<T> type)
        where T : class
    {
        var request = body.Deserialize(type)!;
        var dropped = new List<string>();
        Dropped(body, JsonSerializer.SerializeToNode(request, type), string.Empty, dropped);
        return dropped.Count == 0
            ? request
            : throw new GitmoxiException(
                DiagnosticCodes.ChangeFailed,
                $"the planned request holds {string.Join(", ", dropped)}, which this version's {typeof(T).Name} does not send; nothing was sent");
    }

    /// <summary>The paths of members of <paramref name="planned"/> (objects within objects and arrays) that <paramref name="sent"/> lacks.</summary>
    private static void Dropped(JsonNode? planned, JsonNode? sent, string path, List<string> dropped)
    {
        switch (planned)
        {
            case JsonObject members:
                foreach (var (name, value) in members)
                {
                    var member = path.Length == 0 ? name : path + "." + name;
                    if (value is null)
                    {
                        continue;
                    }

                    if (sent is not JsonObject sentMembers || !sentMembers.TryGetPropertyValue(name, out var sentValue))
                    {
                        dropped.Add(member);
                    }
                    else
                    {
                        Dropped(value, sentValue, member, dropped);
                    }
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    Dropped(items[i], sent is JsonArray sentItems && i < sentItems.Count ? sentItems[i] : null, $"{path}[{i}]", dropped);
                }

                break;
        }
    }
}
