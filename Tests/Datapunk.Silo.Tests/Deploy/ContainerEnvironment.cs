using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Datapunk.Silo.Tests.Deploy;

/// <summary>A container's <c>env</c> list, with literal values and downward-API label references resolved against its pod.</summary>
internal sealed partial class ContainerEnvironment(Manifest workload, YamlMappingNode container)
{
    public IReadOnlyList<YamlMappingNode> Variables => container.Maps("env");

    public YamlMappingNode? Find(string name) => Variables.FirstOrDefault(v => v.ScalarOrNull("name") == name);

    public YamlMappingNode Get(string name) =>
        Find(name) ?? throw new Xunit.Sdk.XunitException($"{workload}: container {container.Scalar("name")} has no env {name}.");

    /// <summary>A literal <c>value</c>, or the pod label a <c>fieldRef</c> reads; null for anything else.</summary>
    public string? Resolve(string name)
    {
        var variable = Get(name);
        if (variable.ScalarOrNull("value") is { } literal)
        {
            return literal;
        }

        var fieldPath = variable.MapOrNull("valueFrom")?.MapOrNull("fieldRef")?.ScalarOrNull("fieldPath");
        return fieldPath is not null && LabelReference().Match(fieldPath) is { Success: true } match
            ? workload.PodLabels.GetValueOrDefault(match.Groups[1].Value)
            : null;
    }

    /// <summary>The downward API field a variable reads (<c>metadata.name</c>, <c>status.podIP</c>, …), or null.</summary>
    public string? FieldPath(string name) => Get(name).MapOrNull("valueFrom")?.MapOrNull("fieldRef")?.ScalarOrNull("fieldPath");

    [GeneratedRegex(@"^metadata\.labels\['([^']+)'\]$")]
    private static partial Regex LabelReference();
}
