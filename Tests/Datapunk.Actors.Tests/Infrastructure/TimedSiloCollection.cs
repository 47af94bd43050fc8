namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>Timers, reminders and idle collection: tests that wait on the clock run on a silo of their own, beside the others.</summary>
[CollectionDefinition(Name)]
public sealed class TimedSiloCollection : ICollectionFixture<SharedSiloFixture>
{
    public const string Name = "timed silo";
}
