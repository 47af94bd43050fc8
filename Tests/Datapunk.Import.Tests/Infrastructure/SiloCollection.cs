namespace Datapunk.Import.Tests.Infrastructure;

/// <summary>The test classes that share one silo process.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "import silo";
}
