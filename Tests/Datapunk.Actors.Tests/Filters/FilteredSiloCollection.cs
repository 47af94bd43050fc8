namespace Datapunk.Actors.Tests.Filters;

[CollectionDefinition(Name)]
public sealed class FilteredSiloCollection : ICollectionFixture<FilteredSiloFixture>
{
    public const string Name = "filtered silo";
}
