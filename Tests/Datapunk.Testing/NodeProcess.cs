namespace Datapunk.Testing;

/// <summary>
/// A Node.js script run to completion (<c>node script args…</c>) in its folder, whose npm dependencies
/// are installed first from its package-lock.json when they are missing (<c>npm ci</c>, as
/// <c>scripts/lib/install.sh</c> does for <c>./datapunk test</c>).
/// </summary>
public static class NodeProcess
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<CliResult> RunAsync(
        string folder, string script, IReadOnlyList<string> arguments, TimeSpan limit, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(folder, cancellationToken);
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return await ProcessRun.RunAsync(start, $"node {script}", limit, cancellationToken);
    }

    /// <summary>Installs the script folder's npm dependencies from its package-lock.json when node_modules is missing.</summary>
    public static async Task EnsureInstalledAsync(string folder, CancellationToken cancellationToken)
    {
        await Install.WaitAsync(cancellationToken);
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules")))
            {
                return;
            }

            var npm = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = folder };
            var installed = await ProcessRun.RunAsync(npm, $"npm ci in {folder}", TimeSpan.FromMinutes(5), cancellationToken);
            if (installed.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {folder} failed: {installed}");
            }
        }
        finally
        {
            Install.Release();
        }
    }
}
