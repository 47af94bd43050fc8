namespace Datapunk.Cluster.Tests.Infrastructure;

/// <summary>Where the silo executables are: built next to this test assembly, in the same configuration.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding Datapunk.sln.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>Debug or Release: the configuration folder this test assembly was built into.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string TestSiloDirectory => OutputDirectory("Tests", "Datapunk.TestSilo");

    public static string TestSiloDll => Path.Combine(TestSiloDirectory, "Datapunk.TestSilo.dll");

    public static string SiloDirectory => OutputDirectory("Silo");

    public static string SiloDll => Path.Combine(SiloDirectory, "Datapunk.Silo.dll");

    /// <summary>Per-run folder for the silo processes' logs.</summary>
    public static string LogDirectory { get; } =
        Path.Combine(AppContext.BaseDirectory, "cluster-logs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));

    private static string OutputDirectory(params string[] project) =>
        Path.Combine([RepositoryRoot, .. project, "bin", Configuration, "net10.0"]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Datapunk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains Datapunk.sln.");
    }
}
