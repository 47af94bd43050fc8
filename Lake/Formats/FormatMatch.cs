namespace Datapunk.Lake.Formats;

/// <summary>How sure a reader is that an entry is its format: content shape beats file name.</summary>
public enum FormatMatch
{
    None = 0,

    /// <summary>The name fits but the content was not checked or is ambiguous.</summary>
    ByName = 1,

    /// <summary>The content has the format's shape (keys, header row, magic line).</summary>
    ByContent = 2,

    /// <summary>Both the content and the name fit.</summary>
    ByContentAndName = 3,
}
