namespace Datapunk.Lake.Formats;

/// <summary>
/// Gives <see cref="FormatMatch"/> the one way readers build it from their two checks; an enum
/// cannot declare members itself, so <c>FormatMatch.From</c> is a static extension.
/// </summary>
public static class FormatMatchFactory
{
    extension(FormatMatch)
    {
        /// <summary>The match for what a reader's <c>Detect</c> found in the content and in the name.</summary>
        public static FormatMatch From(bool content, bool name) => (content, name) switch
        {
            (true, true) => FormatMatch.ByContentAndName,
            (true, false) => FormatMatch.ByContent,
            (false, true) => FormatMatch.ByName,
            _ => FormatMatch.None,
        };
    }
}
