using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Datapunk.Lake.Live;

/// <summary>
/// The device of a live fix (<see cref="LocationFix.Device"/>, a number, as Records.json's deviceTag
/// is) from the name a phone gives itself: the first four bytes of the name's SHA-256, so the same
/// name is always the same device and two phones' fixes at one time and place stay two fixes.
/// </summary>
public static class LiveDevices
{
    /// <summary>Device names longer than this are refused: a name, not a payload.</summary>
    public const int MaxNameLength = 200;

    public static int? IdOf(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : BinaryPrimitives.ReadInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim())));
}
