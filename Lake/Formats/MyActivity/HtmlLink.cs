namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>A link in an activity cell: its target (entities decoded) and its text.</summary>
public readonly record struct HtmlLink(string? Href, string Text);
