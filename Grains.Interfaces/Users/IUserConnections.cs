namespace Datapunk.Grains;

/// <summary>
/// A user's live-source connections, through the user's grain: the grain builds every connection's key
/// from its own user id, so another user's connection does not exist here. <c>id</c> is <c>provider:account</c>.
/// </summary>
[Alias("user-connections")]
public interface IUserConnections : IGrainWithStringKey
{
    /// <summary>The user's connections with their status.</summary>
    [Alias("ListConnectionsAsync")]
    Task<IReadOnlyList<ConnectionStatus>> ListConnectionsAsync();

    /// <summary>
    /// Begins connecting an account of <paramref name="provider"/> and returns the provider's authorize URL
    /// to send the user to; the provider redirects to <paramref name="callback"/> (unless the operator
    /// configured another). Fails with <see cref="ArgumentException"/> for a provider not configured here.
    /// </summary>
    [Alias("BeginConnectionAsync")]
    Task<string> BeginConnectionAsync(string provider, string callback);

    /// <summary>Starts the schedule of the connection an authorization just created; null when the user has none by that id.</summary>
    [Alias("ConnectionAuthorizedAsync")]
    Task<ConnectionStatus?> ConnectionAuthorizedAsync(string id);

    /// <summary>Polls one of the user's connections now; null when the user has none by that id.</summary>
    [Alias("SyncConnectionAsync")]
    Task<ConnectionSync?> SyncConnectionAsync(string id);

    /// <summary>Pauses one of the user's connections; null when the user has none by that id.</summary>
    [Alias("PauseConnectionAsync")]
    Task<ConnectionStatus?> PauseConnectionAsync(string id);

    /// <summary>Resumes one of the user's connections; null when the user has none by that id.</summary>
    [Alias("ResumeConnectionAsync")]
    Task<ConnectionStatus?> ResumeConnectionAsync(string id);

    /// <summary>Removes one of the user's connections and forgets its tokens (its records stay); false when the user has none by that id.</summary>
    [Alias("RemoveConnectionAsync")]
    Task<bool> RemoveConnectionAsync(string id);
}
