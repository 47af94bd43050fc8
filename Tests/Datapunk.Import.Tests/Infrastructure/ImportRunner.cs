using Datapunk.Client;

namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>Starts imports through the gateway and waits for them to finish.</summary>
internal static class ImportRunner
{
    public static async Task<ImportProgress> ImportAsync(SiloFixture silo, string userName, params string[] paths)
    {
        using var client = await silo.NewClientAsync(userName);
        var started = await client.StartImportOfPathsAsync(paths, TestContext.Current.CancellationToken);
        return await WaitAsync(client, started.ImportId, () => silo.OutputTail);
    }

    public static Task<ImportProgress> WaitAsync(DatapunkGatewayClient client, Guid importId, Func<string> context) =>
        Deadlines.PollAsync(
            token => client.GetImportAsync(importId, token),
            progress => progress.Status.IsFinished(),
            $"import {importId} to finish",
            progress => progress is null ? "nothing" : $"{progress.Status}, {progress.Files.Done} files done\n{context()}",
            Deadlines.Import);

    /// <summary>The silo hosting the (only) import job grain of the cluster, as <c>/api/cluster</c> reports its activations.</summary>
    public static async Task<SiloProcess> HostOfJobAsync(DatapunkGatewayClient client, IReadOnlyList<SiloProcess> silos)
    {
        var cluster = await client.GetClusterStatusAsync(TestContext.Current.CancellationToken);
        var jobs = cluster.Activations.SingleOrDefault(a => a.GrainType.Contains(nameof(ImportJobGrain), StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No import job grain is active; activations: {string.Join(", ", cluster.Activations.Select(a => a.GrainType))}");
        var address = jobs.BySilo.Keys.Single();
        return silos.Single(silo => address.StartsWith($"{silo.Address}@", StringComparison.Ordinal));
    }
}
