namespace Datapunk.Actors.Invocation;

/// <summary>
/// The base of every generated grain proxy: an addressable handle that turns method calls into
/// <see cref="GrainRequest"/>s and hands them to the runtime or client that created it.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(GrainId grainId, IGrainCallInvoker invoker)
    {
        GrainId = grainId;
        Invoker = invoker;
    }

    public GrainId GrainId { get; }

    internal IGrainCallInvoker Invoker { get; }

    /// <summary>Set by a silo's runtime: the partition this grain belongs to, computed once per reference.</summary>
    internal int Partition { get; set; } = -1;

    /// <summary>Set by a silo's runtime: the local implementation class, or null when this silo has none.</summary>
    internal Runtime.GrainClassInfo? GrainClass { get; set; }

    protected Task<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request) => Invoker.InvokeAsync(this, request);

    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId;

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => GrainId.ToString();
}
