namespace Datapunk.Forge.Tests.Infrastructure;

/// <summary>The ten-week <see cref="SyntheticPerson"/> stored once for a test class, with all three models trained on it.</summary>
public sealed class TrainedPerson : IAsyncLifetime
{
    public SyntheticPerson Person { get; } = new();

    public string UserId { get; } = ForgeDatabase.NewUserId("person");

    internal Models Models { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Models = await Models.StartAsync();
        await ForgeDatabase.InsertFixesAsync(UserId, Person.Fixes(), CancellationToken.None);
        await Models.TrainAsync(UserId, ModelKinds.Places, CancellationToken.None);
        await Models.TrainAsync(UserId, ModelKinds.Routines, CancellationToken.None);
        await Models.TrainAsync(UserId, ModelKinds.Anomalies, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
