namespace Datapunk.Lake.Catalog.Pii;

/// <summary>One identifier found in a text: its kind and where it is (UTF-16 offsets).</summary>
public readonly record struct PiiFinding(PiiKind Kind, int Start, int Length)
{
    public int End => Start + Length;

    public bool Overlaps(PiiFinding other) => Start < other.End && other.Start < End;
}
