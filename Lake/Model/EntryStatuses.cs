namespace Datapunk.Lake.Model;

public static class EntryStatuses
{
    public static string ToName(this EntryStatus status) => status switch
    {
        EntryStatus.Importing => "importing",
        EntryStatus.Imported => "imported",
        EntryStatus.Skipped => "skipped",
        EntryStatus.Failed => "failed",
        EntryStatus.Rejected => "rejected",
        EntryStatus.Unchanged => "unchanged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static EntryStatus Parse(string name) => name switch
    {
        "importing" => EntryStatus.Importing,
        "imported" => EntryStatus.Imported,
        "skipped" => EntryStatus.Skipped,
        "failed" => EntryStatus.Failed,
        "rejected" => EntryStatus.Rejected,
        "unchanged" => EntryStatus.Unchanged,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown entry status."),
    };
}
