namespace Datapunk.Actors.Runtime;

/// <summary>
/// The grains a call passed through, innermost first. It travels with every call (in memory and
/// on the wire) so that a call which would wait on a non-reentrant grain already waiting further
/// up the chain fails at once instead of deadlocking until its timeout.
/// </summary>
internal sealed class CallChain
{
    private static readonly AsyncLocal<CallChain?> CurrentChain = new();

    private CallChain(GrainId grainId, CallChain? caller, int depth)
    {
        GrainId = grainId;
        Caller = caller;
        Depth = depth;
    }

    public GrainId GrainId { get; }

    public CallChain? Caller { get; }

    public int Depth { get; }

    /// <summary>The chain of the turn running on this logical flow, or null outside grain code.</summary>
    public static CallChain? Current
    {
        get => CurrentChain.Value;
        set => CurrentChain.Value = value;
    }

    public static CallChain Extend(CallChain? caller, GrainId grainId) => new(grainId, caller, (caller?.Depth ?? 0) + 1);

    public bool Contains(GrainId grainId)
    {
        for (var link = this; link is not null; link = link.Caller)
        {
            if (link.GrainId == grainId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Outermost first, so it reads in call order: a -> b -> c.</summary>
    public IReadOnlyList<GrainId> ToList()
    {
        var ids = new GrainId[Depth];
        var index = Depth - 1;
        for (var link = this; link is not null; link = link.Caller)
        {
            ids[index--] = link.GrainId;
        }

        return ids;
    }

    public static CallChain? FromList(IReadOnlyList<GrainId>? ids)
    {
        CallChain? chain = null;
        if (ids is null)
        {
            return null;
        }

        foreach (var id in ids)
        {
            chain = Extend(chain, id);
        }

        return chain;
    }

    public override string ToString() => string.Join(" -> ", ToList());
}
