namespace Datapunk.Testing;

/// <summary>The folder every test's temporary files live under: test silos allow server-side imports from it and keep their spools in it.</summary>
public static class TestFolders
{
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "datapunk-tests");
}
