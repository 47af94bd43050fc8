namespace Datapunk.Forge.Registry;

/// <summary>A training run found its fence taken by a newer run of the same model when it came to store its version: it stops without writing.</summary>
public sealed class ModelRunSupersededException : Exception
{
    public ModelRunSupersededException() { }

    public ModelRunSupersededException(string message) : base(message) { }

    public ModelRunSupersededException(string message, Exception inner) : base(message, inner) { }
}
