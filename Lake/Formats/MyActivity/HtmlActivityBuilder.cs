using System.Globalization;
using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;
using Datapunk.Lake.Formats.TextCodecs;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>
/// Rebuilds the JSON schema from a parsed cell. The body's first line is the title (verb and linked
/// object, separated by a no-break space); the date is the last line that reads as a date, not
/// necessarily the last line (current exports put a <c>&lt;br&gt;</c> after it and AI activity adds
/// text below it); the lines between and after are subtitles. The caption is read by
/// <see cref="HtmlActivityCaption"/>.
/// </summary>
public static class HtmlActivityBuilder
{
    /// <summary>
    /// Builds the entry; false with the reason to reject the cell and a few words on it when the cell
    /// is empty or no line of it reads as a date (the date line is always there in an export, so one
    /// that does not read is unreadable rather than missing).
    /// </summary>
    public static bool TryBuild(
        HtmlCellContent cell, Action<string, string> reportUnknownCaption, out HtmlActivity? activity, out RejectReason reason, out string? problem)
    {
        activity = null;
        var body = cell.Body.Where(line => !line.IsEmpty).ToList();
        var (dateAt, timeText, time) = FindDate(body);
        if (dateAt < 0)
        {
            (reason, problem) = body.Count == 0
                ? (RejectReason.Unparseable, "it has no content")
                : (RejectReason.UnreadableTime, "it has no readable date");
            return false;
        }

        var entry = new JsonObject { ["header"] = string.Join(' ', cell.Header.Where(l => !l.IsEmpty).Select(l => l.Normalised)) };
        string? verb = null, subject = null;
        if (dateAt > 0)
        {
            var title = body[0];
            entry["title"] = title.Normalised;
            if (title.Links.Count > 0 && title.Links[0].Href is { } href)
            {
                entry["titleUrl"] = href;
            }

            (verb, subject) = SplitTitle(title);
        }

        var subtitles = new JsonArray();
        for (var i = 1; i < body.Count; i++)
        {
            if (i != dateAt)
            {
                subtitles.Add(Named(body[i]));
            }
        }

        if (subtitles.Count > 0)
        {
            entry["subtitles"] = subtitles;
        }

        entry["time"] = time.Utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        HtmlActivityCaption.AddTo(entry, cell.Caption, reportUnknownCaption);
        reason = default;
        problem = null;
        activity = new HtmlActivity(entry, time, timeText, verb, subject);
        return true;
    }

    /// <summary>The last line that is a date and nothing else (links excluded: a title may hold a time).</summary>
    private static (int Index, string Text, ActivityHtmlTime Time) FindDate(List<HtmlLine> body)
    {
        for (var i = body.Count - 1; i >= 0; i--)
        {
            if (body[i].Links.Count == 0 && body[i].Normalised is var text && ActivityHtmlDates.TryParse(text, out var time))
            {
                return (i, text, time);
            }
        }

        return (-1, "", default);
    }

    /// <summary>Verb and object by markup: the link text is the object, the text around it the verb, in any language.</summary>
    private static (string? Verb, string? Subject) SplitTitle(HtmlLine title)
    {
        if (title.Links.Count > 0)
        {
            var outside = HtmlText.CollapseWhitespace(title.Outside.ToString()).Trim(':', ' ');
            return (outside.Length > 0 ? outside : null, title.Links[0].Text);
        }

        var text = title.Text.ToString().Trim();
        var space = text.IndexOf('\u00A0');
        return space > 0 ? (HtmlText.CollapseWhitespace(text[..space]), HtmlText.CollapseWhitespace(text[(space + 1)..])) : (null, HtmlText.CollapseWhitespace(text));
    }

    private static JsonObject Named(HtmlLine line)
    {
        var named = new JsonObject { ["name"] = line.Normalised };
        if (line.Links.Count > 0 && line.Links[0].Href is { } href)
        {
            named["url"] = href;
        }

        return named;
    }
}
