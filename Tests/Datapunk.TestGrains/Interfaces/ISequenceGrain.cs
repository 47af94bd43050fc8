namespace Datapunk.TestGrains;

/// <summary>Hands out increasing numbers; keyed by an integer and written with ValueTask shapes.</summary>
public interface ISequenceGrain : IGrainWithIntegerKey
{
    /// <summary>Returns the next number of the sequence.</summary>
    ValueTask<long> NextAsync();

    /// <summary>Reserves <paramref name="count"/> consecutive numbers.</summary>
    ValueTask<SequenceRange> ReserveAsync(int count);

    /// <summary>Moves the sequence so that the next number is <paramref name="next"/>.</summary>
    ValueTask RestartAtAsync(long next);
}
