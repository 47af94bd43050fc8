namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>One silo process for every class that talks to it: starting one costs seconds of a busy machine's CPU.</summary>
[CollectionDefinition(Name)]
public sealed class SiloProcessCollection : ICollectionFixture<SiloProcessFixture>
{
    public const string Name = "silo process";
}
