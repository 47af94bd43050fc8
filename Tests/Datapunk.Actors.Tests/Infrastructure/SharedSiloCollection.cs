namespace Datapunk.Actors.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class SharedSiloCollection : ICollectionFixture<SharedSiloFixture>
{
    public const string Name = "shared silo";
}
