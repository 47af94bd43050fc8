using System.Text.RegularExpressions;

namespace Datapunk.Lake.Formats.YouTube;

/// <summary>
/// Where the channel id, URL and title are in a subscriptions CSV. The header changes case and
/// wording by year and language (<c>Channel Id,Channel Url,Channel Title</c>, <c>Channel ID,Channel URL,Channel title</c>,
/// <c>Kanal-ID,Kanal-URL,Kanaltitel</c>), so headers are matched on the words "id", "url" and a title
/// word, and a first data row (a <c>UC…</c> id, a youtube.com link) settles what the header does not.
/// </summary>
public readonly partial record struct SubscriptionColumns(int Id, int Url, int Title)
{
    private static readonly string[] TitleWords = ["title", "titel", "titre", "título", "titolo", "name", "nombre", "nom", "タイトル"];

    public bool IsComplete => Id >= 0 && Url >= 0;

    public static SubscriptionColumns Map(IReadOnlyList<string> header, IReadOnlyList<string>? firstRow)
    {
        int id = -1, url = -1, title = -1;
        for (var i = 0; i < header.Count; i++)
        {
            var name = Normalise(header[i]);
            if (url < 0 && (name.Contains("url", StringComparison.Ordinal) || name.Contains("link", StringComparison.Ordinal)))
            {
                url = i;
            }
            else if (id < 0 && (name == "id" || name.EndsWith("id", StringComparison.Ordinal) || name.StartsWith("id", StringComparison.Ordinal)))
            {
                id = i;
            }
            else if (title < 0 && TitleWords.Any(word => name.Contains(word, StringComparison.Ordinal)))
            {
                title = i;
            }
        }

        if (firstRow is not null)
        {
            for (var i = 0; i < firstRow.Count; i++)
            {
                if (id < 0 && ChannelId().IsMatch(firstRow[i]))
                {
                    id = i;
                }
                else if (url < 0 && firstRow[i].Contains("youtube.com/", StringComparison.OrdinalIgnoreCase))
                {
                    url = i;
                }
            }
        }

        if (title < 0 && header.Count == 3 && id >= 0 && url >= 0)
        {
            title = 3 - id - url;
        }

        return new SubscriptionColumns(id, url, title);
    }

    /// <summary>True when a data row has a channel id and a YouTube link where this map says.</summary>
    public bool Fits(IReadOnlyList<string> row) =>
        Id < row.Count && Url < row.Count && ChannelId().IsMatch(row[Id]) && row[Url].Contains("youtube.com/", StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string header) =>
        new([.. header.Trim().ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_' or '.' or '"'))]);

    [GeneratedRegex(@"^UC[A-Za-z0-9_-]{22}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelId();
}
