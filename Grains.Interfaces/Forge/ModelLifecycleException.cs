namespace Datapunk.Grains;

/// <summary>A promotion or rollback the registry cannot make: no such version, a version that never trained, nothing to roll back to.</summary>
[GenerateSerializer, Alias("model-lifecycle-exception")]
public sealed class ModelLifecycleException : Exception
{
    public ModelLifecycleException() { }

    public ModelLifecycleException(string message) : base(message) { }

    public ModelLifecycleException(string message, Exception inner) : base(message, inner) { }
}
