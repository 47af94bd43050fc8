using System.CommandLine;
using System.Text.Json;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk audit verify [--json]</c>: checks the whole audit chain (admin). Exit 0 when every
/// entry holds, 1 when one does not, naming the first broken entry and why.
/// </summary>
public static class AuditCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the verification report as JSON." };
        var verify = new Command("verify", "Check every entry of the audit log's hash chain; exit 1 and name the first broken entry if one was changed, removed or moved.")
        {
            gateway, json,
        };
        verify.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var report = await client.VerifyAuditAsync(token);
                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, IndentedJson));
                }
                else if (report.Valid)
                {
                    await output.WriteLineAsync($"Audit chain valid: {report.EntriesChecked:N0} entries, head #{report.HeadSequence} {report.HeadHash}.");
                }
                else
                {
                    await output.WriteLineAsync(
                        $"Audit chain BROKEN at entry #{report.FirstBrokenSequence} ({report.EntriesChecked:N0} entries checked): {report.Reason}");
                }

                return report.Valid ? ExitCodes.Success : ExitCodes.AuditChainBroken;
            },
            cancellationToken));
        return new Command("audit", "The audit log of access to personal data.") { verify };
    }
}
