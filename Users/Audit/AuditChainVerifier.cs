using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Datapunk.Users.Audit;

/// <summary>
/// Checks the chain link by link, in sequence order: no sequence number missing, each entry's
/// previous hash is the entry before's hash, each entry hash is SHA-256 of (sequence number,
/// previous hash, content hash), each unredacted entry's content still hashes to its content hash,
/// each redacted entry was redacted by a later <see cref="AuditActions.AccountErased"/> tombstone,
/// and the chain ends where its head says. Reports the lowest sequence number that fails.
/// </summary>
internal sealed class AuditChainVerifier
{
    public const int HashLength = 32;

    private readonly List<(long Sequence, long Tombstone)> _redactions = [];
    private readonly HashSet<long> _tombstones = [];
    private byte[] _previousHash = new byte[HashLength];
    private long _expectedSequence = 1;
    private long _checked;
    private (long Sequence, string Reason)? _firstBroken;

    /// <summary>The hash that chains an entry: SHA-256 of its sequence number (8 bytes, big-endian), the previous entry's hash and its content hash.</summary>
    public static byte[] EntryHash(long sequence, byte[] previousHash, byte[] contentHash)
    {
        var input = new byte[8 + previousHash.Length + contentHash.Length];
        BinaryPrimitives.WriteInt64BigEndian(input, sequence);
        previousHash.CopyTo(input, 8);
        contentHash.CopyTo(input, 8 + previousHash.Length);
        return SHA256.HashData(input);
    }

    public void Check(AuditChainLink link)
    {
        _checked++;
        if (link.Sequence != _expectedSequence)
        {
            Broken(_expectedSequence, $"entry {_expectedSequence} is missing: the entry after {_expectedSequence - 1} is {link.Sequence} (removed or renumbered)");
        }

        if (!link.PreviousHash.AsSpan().SequenceEqual(_previousHash))
        {
            Broken(link.Sequence, $"its previous hash is not the hash of the entry before it (an entry was removed, inserted or moved)");
        }

        if (!link.Redacted && (link.RecomputedContentHash is null || !link.RecomputedContentHash.AsSpan().SequenceEqual(link.ContentHash)))
        {
            Broken(link.Sequence, "its fields no longer hash to its content hash (the entry was changed)");
        }

        if (link.Redacted)
        {
            _redactions.Add((link.Sequence, link.RedactedBy ?? 0));
        }

        if (link.Action == AuditActions.AccountErased)
        {
            _tombstones.Add(link.Sequence);
        }

        if (!EntryHash(link.Sequence, link.PreviousHash, link.ContentHash).AsSpan().SequenceEqual(link.EntryHash))
        {
            Broken(link.Sequence, "its entry hash is not the hash of its sequence number, previous hash and content hash");
        }

        _previousHash = link.EntryHash;
        _expectedSequence = link.Sequence + 1;
    }

    public AuditVerification Finish(long headSequence, byte[] headHash)
    {
        var lastSequence = _expectedSequence - 1;
        if (headSequence > lastSequence)
        {
            Broken(lastSequence + 1, $"the chain ends at entry {lastSequence} but its head says {headSequence}: the last entries were removed");
        }
        else if (headSequence < lastSequence || !headHash.AsSpan().SequenceEqual(_previousHash))
        {
            Broken(headSequence + 1, $"the chain's head (entry {headSequence}) does not match its last entry ({lastSequence}): entries were added or changed around the append path");
        }

        foreach (var (sequence, tombstone) in _redactions)
        {
            if (tombstone <= sequence || !_tombstones.Contains(tombstone))
            {
                Broken(sequence, $"it is redacted but not by a later '{AuditActions.AccountErased}' entry (it names {tombstone})");
            }
        }

        return new AuditVerification(
            _checked, _firstBroken is null, _firstBroken?.Sequence, _firstBroken?.Reason, headSequence, Convert.ToHexStringLower(headHash));
    }

    private void Broken(long sequence, string reason)
    {
        if (_firstBroken is null || sequence < _firstBroken.Value.Sequence)
        {
            _firstBroken = (sequence, $"entry {sequence}: {reason}");
        }
    }
}
