using System.Reflection;

namespace Datapunk.Actors.Runtime;

/// <summary>
/// Maps grain interfaces to their generated descriptors and stable type names, and (in a silo)
/// grain type names to implementation classes.
/// </summary>
public sealed class GrainTypeRegistry
{
    private static readonly HashSet<Type> MarkerInterfaces =
        [typeof(IAddressable), typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IGrainWithIntegerKey)];

    private readonly ConcurrentDictionary<Type, GrainInterfaceDescriptor> _byInterface = new();
    private readonly ConcurrentDictionary<string, GrainInterfaceDescriptor> _byTypeName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _typeNames = new();
    private readonly ConcurrentDictionary<Assembly, bool> _scannedAssemblies = new();
    private readonly Dictionary<string, GrainClassInfo> _implementations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ambiguous = new(StringComparer.Ordinal);

    public GrainTypeRegistry()
    {
        Register(new RemindableDescriptor());
    }

    /// <summary>The stable name of a grain interface: its [Alias], else its full name.</summary>
    public string GetTypeName(Type interfaceType) => _typeNames.GetOrAdd(
        interfaceType,
        static type => type.GetCustomAttribute<AliasAttribute>()?.Alias ?? type.FullName ?? type.Name);

    public GrainInterfaceDescriptor GetDescriptor(Type interfaceType)
    {
        if (_byInterface.TryGetValue(interfaceType, out var descriptor))
        {
            return descriptor;
        }

        ScanAssembly(interfaceType.Assembly);
        return _byInterface.TryGetValue(interfaceType, out descriptor)
            ? descriptor
            : throw new InvalidOperationException(
                $"{interfaceType.FullName} has no generated proxy. Grain interfaces must live in a project that references Datapunk.Actors.Generator.");
    }

    public bool TryGetDescriptor(string grainTypeName, out GrainInterfaceDescriptor descriptor) =>
        _byTypeName.TryGetValue(grainTypeName, out descriptor!);

    /// <summary>Registers every grain class and grain interface in the assembly.</summary>
    public void AddGrainAssembly(Assembly assembly, TimeSpan defaultCollectionAge)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)))
        {
            foreach (var grainInterface in type.GetInterfaces().Where(IsGrainInterface))
            {
                ScanAssembly(grainInterface.Assembly);
                var name = GetTypeName(grainInterface);
                if (_implementations.TryGetValue(name, out var existing) && existing.ImplementationType != type)
                {
                    _ambiguous[name] = $"{existing.ImplementationType.FullName} and {type.FullName}";
                    continue;
                }

                _implementations[name] = new GrainClassInfo(type, name, defaultCollectionAge);
            }
        }
    }

    internal GrainClassInfo GetImplementation(string grainTypeName)
    {
        if (_ambiguous.TryGetValue(grainTypeName, out var classes))
        {
            throw new InvalidOperationException($"Grain type {grainTypeName} is implemented by more than one class: {classes}.");
        }

        return _implementations.TryGetValue(grainTypeName, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class implementing {grainTypeName} is registered in this silo.");
    }

    internal bool TryGetImplementation(string grainTypeName, out GrainClassInfo info) =>
        _implementations.TryGetValue(grainTypeName, out info!) && !_ambiguous.ContainsKey(grainTypeName);

    internal IEnumerable<string> ImplementedTypeNames => _implementations.Keys;

    private static bool IsGrainInterface(Type type) =>
        type.IsInterface && typeof(IGrain).IsAssignableFrom(type) && !MarkerInterfaces.Contains(type) && type != typeof(IRemindable);

    private void ScanAssembly(Assembly assembly)
    {
        if (!_scannedAssemblies.TryAdd(assembly, true))
        {
            return;
        }

        foreach (var attribute in assembly.GetCustomAttributes<GrainInterfaceDescriptorAttribute>())
        {
            Register((GrainInterfaceDescriptor)Activator.CreateInstance(attribute.DescriptorType)!);
        }
    }

    private void Register(GrainInterfaceDescriptor descriptor)
    {
        _byInterface[descriptor.InterfaceType] = descriptor;
        _byTypeName[GetTypeName(descriptor.InterfaceType)] = descriptor;
    }
}
