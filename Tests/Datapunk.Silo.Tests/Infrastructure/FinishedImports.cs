using Datapunk.Client;
using Datapunk.Grains;

namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>Waits, through the gateway, for an import to end (completed, failed or cancelled) and returns its last progress.</summary>
public static class FinishedImports
{
    public static Task<ImportProgress> WaitAsync(DatapunkGatewayClient gateway, Guid importId, string what, CancellationToken cancellationToken) =>
        Poll.UntilAsync(
            token => gateway.GetImportAsync(importId, token),
            progress => progress.Status is ImportState.Completed or ImportState.Failed or ImportState.Cancelled,
            $"import {importId} of {what} to finish",
            progress => progress is null ? "nothing" : $"status {progress.Status}, {progress.Files.Done} file(s) done",
            Deadlines.Import,
            cancellationToken);
}
