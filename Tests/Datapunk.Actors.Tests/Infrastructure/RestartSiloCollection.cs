namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>Tests that stop the silo and start a new one of the same cluster; they get a silo of their own.</summary>
[CollectionDefinition(Name)]
public sealed class RestartSiloCollection : ICollectionFixture<SharedSiloFixture>
{
    public const string Name = "restarted silo";
}
