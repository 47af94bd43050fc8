using System.Text.Json.Nodes;

namespace Datapunk.Streams;

/// <summary>
/// Changing a connection's cursor (a JSON object each provider shapes its own way) by copy: the poller
/// keeps a page's cursor only once the page is stored, so the cursor a sweep started from stays as it was.
/// </summary>
internal static class ProviderCursor
{
    /// <summary>A copy of <paramref name="cursor"/> with <paramref name="change"/> made to it.</summary>
    public static JsonObject Changed(JsonObject cursor, Action<JsonObject> change)
    {
        var next = cursor.DeepClone().AsObject();
        change(next);
        return next;
    }

    /// <summary>The object <paramref name="parent"/> holds under <paramref name="name"/>, added empty when it holds none.</summary>
    public static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child)
        {
            parent[name] = child = [];
        }

        return child;
    }
}
