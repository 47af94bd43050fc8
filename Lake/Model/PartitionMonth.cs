namespace Datapunk.Lake.Model;

/// <summary>
/// The month a location fix belongs to, as year × 12 + month − 1: the key of the monthly
/// location partitions, counted by the chunks that stage fixes and by the partitions that hold them.
/// </summary>
internal static class PartitionMonth
{
    public static int Of(DateTime time) => (time.Year * 12) + time.Month - 1;
}
