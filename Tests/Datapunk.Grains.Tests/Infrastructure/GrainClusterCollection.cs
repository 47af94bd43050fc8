namespace Datapunk.Grains.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "in-process cluster";
}
