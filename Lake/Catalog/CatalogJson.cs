using System.Text.Json;

namespace Datapunk.Lake.Catalog;

/// <summary>How the catalog's snapshot is written to and read from its jsonb columns.</summary>
internal static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"The catalog holds no {typeof(T).Name} where one was written.");
}
