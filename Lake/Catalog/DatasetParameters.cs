using Datapunk.Lake.Reading;
using Npgsql;

namespace Datapunk.Lake.Catalog;

/// <summary>The parameters every dataset query takes: the user, the dataset's source files, its record kind, its table's name, its newest time.</summary>
internal static class DatasetParameters
{
    public static NpgsqlCommand Add(NpgsqlCommand command, string userId, DatasetFacts dataset, int limit)
    {
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("files", dataset.FileIds);
        command.Parameters.AddWithValue("kind", dataset.Kind is { } kind && RecordKindNames.TryParse(kind, out var parsed) ? (short)parsed : (short)-1);
        command.Parameters.AddWithValue("kind_name", dataset.Kind ?? "");
        command.Parameters.AddWithValue("name", dataset.Id.StartsWith("table:", StringComparison.Ordinal) ? dataset.Id["table:".Length..] : "");
        command.Parameters.AddWithValue("last_at", dataset.LastAt ?? DateTimeOffset.UnixEpoch);
        command.Parameters.AddWithValue("limit", limit);
        return command;
    }
}
