namespace Datapunk.TestGrains;

/// <summary>An application exception that test grains throw on purpose, to check that callers receive its type and message.</summary>
public sealed class DeliberateGrainException : Exception
{
    public DeliberateGrainException() { }

    public DeliberateGrainException(string message) : base(message) { }

    public DeliberateGrainException(string message, Exception inner) : base(message, inner) { }
}
