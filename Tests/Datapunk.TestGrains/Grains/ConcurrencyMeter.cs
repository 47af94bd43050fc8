namespace Datapunk.TestGrains;

/// <summary>Counts code sections in progress with <see cref="Interlocked"/> and keeps the highest count seen.</summary>
public sealed class ConcurrencyMeter(Action onChange)
{
    private int _current;
    private int _max;
    private int _entries;

    public int Current => Volatile.Read(ref _current);

    public int Max => Volatile.Read(ref _max);

    public int Entries => Volatile.Read(ref _entries);

    /// <summary>Marks a section as entered and returns how many are in progress now, this one included.</summary>
    public int Enter()
    {
        var now = Interlocked.Increment(ref _current);
        Interlocked.Increment(ref _entries);
        var max = Volatile.Read(ref _max);
        while (now > max && Interlocked.CompareExchange(ref _max, now, max) != max)
        {
            max = Volatile.Read(ref _max);
        }

        onChange();
        return now;
    }

    public void Exit()
    {
        Interlocked.Decrement(ref _current);
        onChange();
    }

    public override string ToString() => $"{Current} in progress, {Max} at most, {Entries} entered";
}
