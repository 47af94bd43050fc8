using System.Globalization;

namespace Datapunk.Cli.Output;

/// <summary>The text form of <c>datapunk status</c>.</summary>
public static class StatusPrinter
{
    public static void Print(StatusReport report, TextWriter output)
    {
        output.WriteLine($"Cluster {report.ClusterId} (as seen by {report.ReportedBy})");
        output.WriteLine($"Partitions: {report.Partitions}, unowned: {report.UnownedPartitions}");
        output.WriteLine();

        var silos = new TextTable("SILO", "ADDRESS", "STATUS", "UPTIME", "PARTITIONS").AlignRight(3, 4);
        foreach (var silo in report.Silos)
        {
            silos.Add(silo.SiloId, silo.Address, silo.Status, DurationText.Format(silo.UptimeSeconds), silo.OwnedPartitions.ToString(CultureInfo.InvariantCulture));
        }

        silos.WriteTo(output);
        output.WriteLine();

        if (report.Activations.Count == 0)
        {
            output.WriteLine("No activations.");
        }
        else
        {
            var grainTypes = new TextTable("GRAIN TYPE", "ACTIVATIONS").AlignRight(1);
            foreach (var grainType in report.Activations)
            {
                grainTypes.Add(grainType.GrainType, grainType.Activations.ToString(CultureInfo.InvariantCulture));
            }

            grainTypes.WriteTo(output);
        }

        foreach (var unreachable in report.UnreachableSilos)
        {
            output.WriteLine($"warning: silo {unreachable.SiloId} did not report ({unreachable.Error}); its activations are missing above.");
        }
    }
}
