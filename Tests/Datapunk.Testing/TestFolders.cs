namespace Datapunk.Testing;

/// <summary>Where tests keep files: test silos allow server-side imports from <see cref="Root"/> only, and keep their spools and state elsewhere.</summary>
public static class TestFolders
{
    /// <summary>Every test's temporary files (<see cref="TempFolder"/>): the test silos' only server-side import root.</summary>
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "datapunk-tests", "files");

    /// <summary>The test clusters' upload spools, one folder per cluster, outside <see cref="Root"/>.</summary>
    public static string Spools { get; } = Path.Combine(Path.GetTempPath(), "datapunk-tests", "spools");
}
