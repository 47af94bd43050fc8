namespace Datapunk.Lake.ServerFolders;

/// <summary>
/// Server-side import folders (configuration section <c>Imports</c>): the absolute folders an
/// import may name paths inside. None by default: then no import may name a path at all.
/// </summary>
public sealed class ImportRootsOptions
{
    public const string Section = "Imports";

    public IList<string> AllowedRoots { get; } = [];
}
