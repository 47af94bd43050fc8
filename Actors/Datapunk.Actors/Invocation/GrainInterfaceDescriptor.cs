namespace Datapunk.Actors.Invocation;

/// <summary>
/// What the generator knows about one grain interface: how to make its proxy and how to
/// rebuild a request from a method id on the receiving side.
/// </summary>
public abstract class GrainInterfaceDescriptor
{
    public abstract Type InterfaceType { get; }

    public abstract GrainReference CreateReference(GrainId grainId, IGrainCallInvoker invoker);

    /// <summary>A fresh request for the method with this id, or null when the interface has none.</summary>
    public abstract GrainRequest? CreateRequest(uint methodId);
}

/// <summary>Registers a generated descriptor for a grain interface in the interface's assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class GrainInterfaceDescriptorAttribute(Type interfaceType, Type descriptorType) : Attribute
{
    public Type InterfaceType { get; } = interfaceType;

    public Type DescriptorType { get; } = descriptorType;
}
