using System.Globalization;
using Datapunk.Grains;

namespace Datapunk.Cli.Output;

/// <summary>The text form of <c>datapunk status</c>.</summary>
public static class StatusPrinter
{
    public static void Print(ClusterStatus report, TextWriter output)
    {
        var active = report.Silos.Count(silo => silo.IsActive);
        output.WriteLine($"Cluster {report.ClusterId}, service {report.ServiceId} (as seen by {report.ReportedBy}): {active} active silo(s)");
        output.WriteLine();

        var silos = new TextTable("SILO", "ADDRESS", "STATUS", "UPTIME", "ACTIVATIONS").AlignRight(3, 4);
        foreach (var silo in report.Silos)
        {
            silos.Add(silo.Name, silo.Address, silo.Status, DurationText.Format(silo.UptimeSeconds),
                silo.Activations?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        silos.WriteTo(output);
        output.WriteLine();

        if (report.Activations.Count == 0)
        {
            output.WriteLine("No activations.");
            return;
        }

        var grainTypes = new TextTable("GRAIN TYPE", "ACTIVATIONS").AlignRight(1);
        foreach (var grainType in report.Activations)
        {
            grainTypes.Add(grainType.GrainType, grainType.Activations.ToString(CultureInfo.InvariantCulture));
        }

        grainTypes.WriteTo(output);
    }
}
