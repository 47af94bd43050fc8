namespace Datapunk.Testing;

/// <summary>Runs the built <c>datapunk</c> CLI (<c>dotnet datapunk.dll …</c>) to completion.</summary>
public static class CliProcess
{
    /// <summary>
    /// Runs the CLI with <paramref name="arguments"/> and without <c>DATAPUNK_GATEWAY</c> (the tests name
    /// the gateway); kills it and fails when it has not exited within <paramref name="limit"/>. It
    /// authenticates with <paramref name="credentialsFile"/> (<c>DATAPUNK_CREDENTIALS</c>), or with
    /// nothing: no token or credentials of the machine's environment leak into a test.
    /// </summary>
    public static Task<CliResult> RunAsync(
        IReadOnlyList<string> arguments, TimeSpan limit, CancellationToken cancellationToken, string? credentialsFile = null)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(RepositoryPaths.CliDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("DATAPUNK_GATEWAY");
        start.Environment.Remove("DATAPUNK_TOKEN");
        start.Environment["DATAPUNK_CREDENTIALS"] = credentialsFile ?? Path.Combine(Path.GetTempPath(), "datapunk-tests", "no-credentials");
        return ProcessRun.RunAsync(start, $"datapunk {string.Join(' ', arguments)}", limit, cancellationToken);
    }
}
