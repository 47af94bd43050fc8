using System.Text.Json.Serialization;

namespace Datapunk.Grains;

/// <summary>Where an export of a user's data is: being written, ready to download (for a day), or failed.</summary>
[GenerateSerializer, Alias("export-state"), JsonConverter(typeof(JsonStringEnumConverter<ExportState>))]
public enum ExportState
{
    Running,
    Ready,
    Failed,
}
