namespace Datapunk.Actors.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ShortTimeoutSiloCollection : ICollectionFixture<ShortTimeoutSiloFixture>
{
    public const string Name = "short timeout silo";
}
