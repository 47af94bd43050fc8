using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Lake.Live;

/// <summary>
/// The <c>imports.jobs</c> row live batches hang their file rows on: one per user, protocol and UTC day,
/// its id derived from the three, so every silo finds the same row without asking anyone.
/// </summary>
internal static class LiveImportIds
{
    public static Guid Of(string userId, LiveSource source, DateTime utcDay)
    {
        var key = $"datapunk-live\n{userId}\n{source.Name}\n{utcDay:yyyy-MM-dd}";
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }
}
