using Datapunk.Lake.Model;

namespace Datapunk.Lake.Storage;

/// <summary>The plays of a polled page that are plays of an export stored already (<see cref="PolledPlayMatching"/>), and their matches by rule.</summary>
public sealed record PolledPlayMatches(IReadOnlySet<string> Identities, MatchCounts Counts)
{
    public static PolledPlayMatches None { get; } = new(new HashSet<string>(), new MatchCounts());

    /// <summary><paramref name="records"/> but the matched plays: what the page still has to store.</summary>
    public IReadOnlyList<PersonalRecord> Without(IReadOnlyList<PersonalRecord> records) =>
        Identities.Count == 0 ? records : [.. records.Where(record => record.Kind != RecordKind.SpotifyPlay || !Identities.Contains(record.Identity))];
}
