using Datapunk.Grains;
using Datapunk.Lake.ServerFolders;

namespace Datapunk.Lake.Tests.ServerFolders;

/// <summary>
/// Server-side import folders: a path is read only when its real location, after <c>..</c> and
/// every symbolic link, lies inside a root the operator configured; without roots no path is read.
/// </summary>
public sealed class AllowedImportRootsTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly TempFolder _outside = new();

    private AllowedImportRoots Roots()
    {
        var options = new ImportRootsOptions();
        options.AllowedRoots.Add(_root.Path);
        return new AllowedImportRoots(options);
    }

    [Fact]
    public void A_path_inside_a_root_is_allowed_as_its_real_path()
    {
        var export = _root.File("Takeout/Records.json");
        File.WriteAllText(export, "{}");

        Roots().Resolve([Path.Combine(_root.Path, "Takeout", ".", "..", "Takeout", "Records.json")]).ShouldBe([export]);
    }

    [Fact]
    public void Dot_dot_leading_out_of_the_root_is_refused_with_the_path_named()
    {
        var secret = _outside.File("secret.json");
        File.WriteAllText(secret, "{}");
        var escape = Path.Combine(_root.Path, "..", Path.GetFileName(_outside.Path), "secret.json");

        var refused = Should.Throw<ImportInputRefusedException>(() => Roots().Resolve([escape]));

        refused.Message.ShouldBe($"'{escape}' is outside the server-side import folders (it resolves to '{secret}'); allowed: {_root.Path}.");
    }

    [Fact]
    public void A_symbolic_link_inside_the_root_that_leads_out_of_it_is_refused()
    {
        File.WriteAllText(_outside.File("secret.json"), "{}");
        var link = Path.Combine(_root.Path, "innocent");
        Directory.CreateSymbolicLink(link, _outside.Path);
        var fileLink = Path.Combine(_root.Path, "also-innocent.json");
        File.CreateSymbolicLink(fileLink, Path.Combine("..", Path.GetFileName(_outside.Path), "secret.json"));

        Should.Throw<ImportInputRefusedException>(() => Roots().Resolve([Path.Combine(link, "secret.json")]))
            .Message.ShouldContain($"'{Path.Combine(link, "secret.json")}' is outside the server-side import folders");
        Should.Throw<ImportInputRefusedException>(() => Roots().Resolve([link])).Message.ShouldContain("is outside");
        Should.Throw<ImportInputRefusedException>(() => Roots().Resolve([fileLink])).Message.ShouldContain("is outside");
    }

    [Fact]
    public void A_symbolic_link_whose_parent_hops_back_into_the_root_is_allowed()
    {
        var export = _root.File("real/Records.json");
        File.WriteAllText(export, "{}");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "alias"), Path.Combine(_root.Path, "real"));

        Roots().Resolve([Path.Combine(_root.Path, "alias", "Records.json")]).ShouldBe([export]);
    }

    [Fact]
    public void The_upload_spool_is_never_read_even_inside_a_root()
    {
        var spool = Path.Combine(_root.Path, "spool");
        File.WriteAllText(_root.File("spool/alice/0123/upload"), "{}");
        var options = new ImportRootsOptions();
        options.AllowedRoots.Add(_root.Path);
        var roots = new AllowedImportRoots(options, spool);

        Should.Throw<ImportInputRefusedException>(() => roots.Resolve([Path.Combine(spool, "alice", "0123", "upload")]))
            .Message.ShouldContain("is or holds the upload spool");
        Should.Throw<ImportInputRefusedException>(() => roots.Resolve([_root.Path])).Message.ShouldContain("is or holds the upload spool");
    }

    [Fact]
    public void Without_configured_roots_every_path_is_refused()
    {
        var export = _root.File("Records.json");
        File.WriteAllText(export, "{}");

        Should.Throw<ImportInputRefusedException>(() => new AllowedImportRoots(new ImportRootsOptions()).Resolve([export]))
            .Message.ShouldContain("no server-side import folders are configured");
    }

    [Fact]
    public void Relative_and_missing_paths_are_refused()
    {
        Should.Throw<ImportInputRefusedException>(() => Roots().Resolve(["Takeout/Records.json"])).Message.ShouldContain("is not an absolute path");
        var missing = Path.Combine(_root.Path, "missing.zip");
        Should.Throw<ImportInputRefusedException>(() => Roots().Resolve([missing])).Message.ShouldBe($"'{missing}' does not exist.");
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }
}
