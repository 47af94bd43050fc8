using System.Security.Cryptography;
using System.Text;
using Datapunk.Lake.Catalog.Pii;

namespace Datapunk.Users.Privacy;

/// <summary>
/// How an export to share masks its values. Text has its personal identifiers replaced by their kind
/// (<see cref="PiiMasker"/>). A record's identity is a key, not text: masked the same way, two
/// calendar events whose ids are addresses would become one, so an identity holding an identifier is
/// replaced by an HMAC of it under a key made for this export alone: still unique, not readable, and
/// not linkable to another export's.
/// </summary>
internal sealed class ExportMasking
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Text(string text) => PiiMasker.Mask(text);

    public string Identity(string identity)
    {
        if (PiiScanner.Scan(identity).Count == 0)
        {
            return identity;
        }

        return "masked:" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(identity)));
    }
}
