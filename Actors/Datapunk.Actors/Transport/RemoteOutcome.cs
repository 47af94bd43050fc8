namespace Datapunk.Actors.Transport;

/// <summary>What a remote silo answered: a result, or that it does not own the grain (and who may).</summary>
internal readonly record struct RemoteOutcome<T>(bool Moved, T? Value, string? OwnerHint)
{
    public static RemoteOutcome<T> Completed(T value) => new(false, value, null);

    public static RemoteOutcome<T> MovedTo(string? ownerHint) => new(true, default, ownerHint);
}
