using YamlDotNet.RepresentationModel;

namespace Datapunk.Silo.Tests.Deploy;

/// <summary>Every document of every <c>deploy/kubernetes/*.yaml</c>, parsed as <c>kubectl apply -f deploy/kubernetes/</c> would read them.</summary>
internal static class KubernetesManifests
{
    private static readonly Lazy<IReadOnlyList<Manifest>> Loaded = new(Load);

    public static string Folder => Path.Combine(RepositoryPaths.Root, "deploy", "kubernetes");

    public static IReadOnlyList<Manifest> All => Loaded.Value;

    public static IReadOnlyList<Manifest> Workloads => [.. All.Where(m => m.IsWorkload)];

    public static IReadOnlyList<Manifest> OfKind(string kind) => [.. All.Where(m => m.Kind == kind)];

    private static List<Manifest> Load()
    {
        var manifests = new List<Manifest>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Concat(Directory.GetFiles(Folder, "*.yml")).Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            var name = Path.GetRelativePath(RepositoryPaths.Root, file);
            manifests.AddRange(stream.Documents
                .Select(document => document.RootNode)
                .Select(root => root as YamlMappingNode ?? throw new InvalidDataException($"{name}: a document at {root.Start} is not a mapping.")
                )
                .Select(root => new Manifest(name, root)));
        }

        return manifests;
    }
}
