namespace Datapunk.Actors.Tests.Infrastructure;

/// <summary>A silo with the runtime's default call timeout and no call filters.</summary>
public sealed class SharedSiloFixture : SiloFixture;
