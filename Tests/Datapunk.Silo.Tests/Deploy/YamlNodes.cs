using YamlDotNet.RepresentationModel;

namespace Datapunk.Silo.Tests.Deploy;

/// <summary>Navigation over parsed YAML that fails with the path it was looking for.</summary>
internal static class YamlNodes
{
    public static YamlNode? Find(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.Find(key) as YamlMappingNode ?? throw new KeyNotFoundException($"No mapping '{key}' at {node.Start}.");

    public static YamlMappingNode? MapOrNull(this YamlMappingNode node, string key) => node.Find(key) as YamlMappingNode;

    /// <summary>The mappings of a sequence; an absent key is an empty sequence.</summary>
    public static IReadOnlyList<YamlMappingNode> Maps(this YamlMappingNode node, string key) =>
        node.Find(key) is YamlSequenceNode sequence ? [.. sequence.Children.OfType<YamlMappingNode>()] : [];

    /// <summary>The scalars of a sequence; an absent key is an empty sequence.</summary>
    public static IReadOnlyList<string> Scalars(this YamlMappingNode node, string key) =>
        node.Find(key) is YamlSequenceNode sequence ? [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")] : [];

    public static string? ScalarOrNull(this YamlMappingNode node, string key) => (node.Find(key) as YamlScalarNode)?.Value;

    public static string Scalar(this YamlMappingNode node, string key) =>
        node.ScalarOrNull(key) ?? throw new KeyNotFoundException($"No scalar '{key}' at {node.Start}.");
}
