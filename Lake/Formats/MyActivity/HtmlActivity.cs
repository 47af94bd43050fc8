using System.Text.Json.Nodes;
using Datapunk.Lake.Formats.Common;

namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>One HTML activity cell, rebuilt in the My Activity JSON schema.</summary>
/// <param name="Entry">The entry as the JSON export would have it (time as ISO-8601 UTC).</param>
/// <param name="Time">The cell's date as read, with its zone.</param>
/// <param name="TimeText">The date as written, for the source.</param>
/// <param name="Verb">The title's verb (text outside the title link), when there is one.</param>
/// <param name="Subject">The title's object (the link text), or the whole title.</param>
public sealed record HtmlActivity(JsonObject Entry, ActivityHtmlTime Time, string TimeText, string? Verb, string? Subject);
