namespace Datapunk.Actors.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class IsolatedSiloCollection : ICollectionFixture<IsolatedSiloFixture>
{
    public const string Name = "isolated silo";
}
