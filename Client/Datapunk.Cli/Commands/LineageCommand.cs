using System.CommandLine;
using Datapunk.Cli.Output;

namespace Datapunk.Cli.Commands;

/// <summary>
/// <c>datapunk lineage (--record KIND:IDENTITY | --file ID) --user NAME [--json]</c>: where a record came from and what
/// was derived from it, or what depends on a source file, as the graph's edges; <c>--json</c> prints the API's nodes and edges.
/// </summary>
public static class LineageCommand
{
    public static Command Create()
    {
        var gateway = GatewayOption.Create();
        var user = UserOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the graph as the API returns it: {\"root\", \"nodes\", \"edges\"}." };
        var record = new Option<string?>("--record") { Description = "A record as kind:identity (a fix as location_points:TIME[@LAT,LNG])." };
        var file = new Option<long?>("--file") { Description = "A source file's id (as the import report and the catalog list them)." };
        var command = new Command("lineage", "Show where a record came from, or what depends on a source file (docs/catalog.md, \"Lineage\").") { record, file, user, json, gateway };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(record) is null) == (result.GetValue(file) is null))
            {
                result.AddError("Give either --record KIND:IDENTITY or --file ID.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => GatewayCall.RunAsync(
            parseResult,
            parseResult.GetRequiredValue(gateway),
            async (client, output, token) =>
            {
                var graph = parseResult.GetValue(record) is { } key
                    ? await client.GetRecordLineageAsync(key, token)
                    : await client.GetFileLineageAsync(parseResult.GetValue(file)!.Value, token);
                if (parseResult.GetValue(json))
                {
                    await CliJson.WriteAsync(output, graph);
                    return ExitCodes.Success;
                }

                var labels = graph.Nodes.ToDictionary(node => node.Id, node => $"{node.Type} {node.Label}");
                var table = new TextTable("FROM", "RELATION", "TO", "ROWS").AlignRight(3);
                foreach (var edge in graph.Edges)
                {
                    table.Add(labels.GetValueOrDefault(edge.From, edge.From), edge.Relation, labels.GetValueOrDefault(edge.To, edge.To), edge.Rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }

                table.WriteTo(output);
                return ExitCodes.Success;
            },
            cancellationToken,
            actAs: parseResult.GetRequiredValue(user)));
        return command;
    }
}
