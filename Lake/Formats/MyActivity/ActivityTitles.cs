namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Splits an English My Activity title into its verb and its object ("Searched for" + "cats"), so
/// search can index what was searched, watched or visited without the verb. Titles in other
/// languages keep the whole title as the object.
/// </summary>
public static class ActivityTitles
{
    // Longest first where one verb starts another ("Searched for" before "Searched").
    private static readonly string[] Verbs =
    [
        "Searched for", "Listened to", "Subscribed to", "Unsubscribed from", "Commented on", "Replied to", "Signed up for",
        "Watched", "Visited", "Viewed", "Used", "Searched", "Liked", "Disliked", "Shared", "Saved", "Installed", "Opened",
        "Played", "Read", "Answered", "Asked", "Said", "Called", "Dismissed", "Purchased", "Downloaded", "Updated", "Added",
        "Created", "Edited", "Deleted", "Selected", "Clicked", "Reviewed", "Rated", "Followed", "Explored", "Defined",
        "Translated", "Checked", "Started", "Took", "Sent", "Set", "Uploaded", "Joined", "Voted", "Completed",
    ];

    public static (string? Verb, string Object) Split(string title)
    {
        foreach (var verb in Verbs)
        {
            if (title.Length > verb.Length + 1 && title[verb.Length] == ' ' && title.StartsWith(verb, StringComparison.Ordinal))
            {
                return (verb, title[(verb.Length + 1)..]);
            }
        }

        return (null, title);
    }
}
