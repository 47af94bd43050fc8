using Datapunk.Users.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>
/// The user's privacy rights: an export of everything (written in the background by
/// <see cref="UserExports"/>), and erasure (<see cref="AccountEraser"/>), during which the grain
/// refuses every other call, and after which it holds nothing and deactivates.
/// </summary>
public sealed partial class UserGrain : IUserPrivacy, IIncomingGrainCallFilter
{
    private bool _erasing;

    public Task<Guid> ExportAsync()
    {
        RequireCreated();
        return Task.FromResult(ServiceProvider.GetRequiredService<UserExports>().Start(this.GetPrimaryKeyString()));
    }

    public Task<Guid> ExportMaskedAsync()
    {
        RequireCreated();
        return Task.FromResult(ServiceProvider.GetRequiredService<UserExports>().Start(this.GetPrimaryKeyString(), masked: true));
    }

    public Task<ExportStatus?> GetExportAsync(Guid exportId) =>
        Task.FromResult(ServiceProvider.GetRequiredService<UserExports>().Find(this.GetPrimaryKeyString(), exportId));

    /// <summary>
    /// Runs whether or not the profile still exists: an erasure interrupted after the profile went
    /// is finished by calling this again.
    /// </summary>
    public async Task<ErasureReport> EraseAsync()
    {
        var userId = this.GetPrimaryKeyString();
        _erasing = true;
        try
        {
            // A running import would keep writing rows; cancelled, it stops at a chunk boundary first.
            foreach (var importId in await importJobs.ListUnfinishedAsync(userId, CancellationToken.None))
            {
                await GrainFactory.GetGrain<IImportJobGrain>(importId).CancelAsync();
            }

            if (state.State.CreatedAt is not null)
            {
                await state.ClearStateAsync();
            }

            var report = await ServiceProvider.GetRequiredService<AccountEraser>().EraseAsync(userId, CancellationToken.None);
            state.State = new UserProfileState();
            return report;
        }
        finally
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>Refuses every call but erasure itself while an erasure runs (interleaved calls included).</summary>
    public Task Invoke(IIncomingGrainCallContext context) =>
        _erasing && context.InterfaceMethod?.Name != nameof(EraseAsync)
            ? throw new AccountErasureInProgressException($"The account '{this.GetPrimaryKeyString()}' is being erased.")
            : context.Invoke();
}
