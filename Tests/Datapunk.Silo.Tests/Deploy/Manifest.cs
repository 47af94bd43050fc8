using YamlDotNet.RepresentationModel;

namespace Datapunk.Silo.Tests.Deploy;

/// <summary>One YAML document of a file under <c>deploy/kubernetes/</c>.</summary>
internal sealed record Manifest(string File, YamlMappingNode Root)
{
    private static readonly string[] WorkloadKinds = ["StatefulSet", "Deployment", "DaemonSet"];

    public string Kind => Root.Scalar("kind");

    public string Name => Root.Map("metadata").Scalar("name");

    public string? Namespace => Root.Map("metadata").ScalarOrNull("namespace");

    public bool IsWorkload => WorkloadKinds.Contains(Kind);

    /// <summary>A workload's pod template (<c>spec.template</c>).</summary>
    public YamlMappingNode PodTemplate => Root.Map("spec").Map("template");

    public IReadOnlyDictionary<string, string> PodLabels =>
        PodTemplate.Map("metadata").MapOrNull("labels") is { } labels
            ? labels.Children.ToDictionary(label => ((YamlScalarNode)label.Key).Value ?? "", label => ((YamlScalarNode)label.Value).Value ?? "")
            : new Dictionary<string, string>();

    public YamlMappingNode PodSpec => PodTemplate.Map("spec");

    public IReadOnlyList<YamlMappingNode> Containers => [.. PodSpec.Maps("initContainers"), .. PodSpec.Maps("containers")];

    public override string ToString() => $"{Kind} {Name} ({File})";
}
