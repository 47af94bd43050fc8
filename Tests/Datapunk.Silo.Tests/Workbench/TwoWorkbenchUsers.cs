namespace Datapunk.Silo.Tests.Workbench;

/// <summary>Two users with data everywhere the workbench shows, seeded once for a test class.</summary>
public sealed class TwoWorkbenchUsers : IAsyncLifetime
{
    internal WorkbenchPerson Alice { get; private set; } = null!;

    internal WorkbenchPerson Bob { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Alice = await WorkbenchPerson.SeedAsync("alice");
        Bob = await WorkbenchPerson.SeedAsync("bob");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
