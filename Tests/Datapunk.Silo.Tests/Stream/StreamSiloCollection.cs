namespace Datapunk.Silo.Tests.Stream;

/// <summary>One silo with the fake Spotify for every class that connects to it.</summary>
[CollectionDefinition(Name)]
public sealed class StreamSiloCollection : ICollectionFixture<StreamSiloFixture>
{
    public const string Name = "stream silo";
}
