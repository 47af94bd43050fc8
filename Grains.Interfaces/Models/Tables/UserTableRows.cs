using System.Text.Json;

namespace Datapunk.Grains;

/// <summary>
/// A page of a user's table: its description and the rows from <see cref="Offset"/> on, each a JSON object
/// keyed by column name with values of the column's type; <see cref="Next"/> is the offset of the next page,
/// null after the last.
/// </summary>
public sealed record UserTableRows(UserTable Table, long Offset, IReadOnlyList<JsonElement> Rows, long? Next);
