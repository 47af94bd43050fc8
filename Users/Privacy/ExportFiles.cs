namespace Datapunk.Users.Privacy;

/// <summary>
/// The files of one export in the user's exports folder, which say its state to any silo: the zip
/// while it is written (<c>&lt;id&gt;.zip.partial</c>), the finished zip (<c>&lt;id&gt;.zip</c>), or
/// the reason it failed (<c>&lt;id&gt;.failed</c>).
/// </summary>
internal sealed record ExportFiles(string Folder, Guid ExportId)
{
    public string Zip => Path.Combine(Folder, $"{ExportId:N}.zip");

    public string Partial => Zip + ".partial";

    public string Failure => Path.Combine(Folder, $"{ExportId:N}.failed");
}
