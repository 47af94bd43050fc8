namespace Datapunk.Lake.Formats.MyActivity;

/// <summary>The parts of one activity cell, each as lines: the header (product), the body (title, subtitles, date) and the caption (products, locations, details).</summary>
public sealed class HtmlCellContent
{
    public List<HtmlLine> Header { get; } = [];

    public List<HtmlLine> Body { get; } = [];

    /// <summary>The right-hand cell (thumbnails); read so its text does not leak into other parts, otherwise unused.</summary>
    public List<HtmlLine> Aside { get; } = [];

    public List<HtmlLine> Caption { get; } = [];
}
