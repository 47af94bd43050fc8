namespace Datapunk.Silo.Tests.Infrastructure;

/// <summary>Tests that measure the whole process (its heap) or keep time (a schedule of polls), and so run with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone";
}
