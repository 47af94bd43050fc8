using System.Text.Json.Serialization;

namespace Datapunk.Grains;

/// <summary>
/// Where an import is in its life. Created → (Receiving, for uploads) → Scanning → Parsing (parse
/// and load overlap) → Indexing → Completed, or Failed or Cancelled from any earlier state.
/// </summary>
[GenerateSerializer, Alias("import-state"), JsonConverter(typeof(JsonStringEnumConverter<ImportState>))]
public enum ImportState
{
    Created,
    Receiving,
    Scanning,
    Parsing,
    Indexing,
    Completed,
    Failed,
    Cancelled,
}
