using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Datapunk.TestGrains;

namespace Datapunk.Actors.Generator.Tests.RoundTrip;

/// <summary>
/// Plays both ends of a grain call in memory with the generated code of Datapunk.TestGrains:
/// the proxy's request is written to JSON as a client would, rebuilt from its method id through the
/// interface's descriptor as a silo would, and invoked on a registered fake grain.
/// </summary>
internal sealed class LoopbackCluster : IGrainCallInvoker
{
    private static readonly Dictionary<Type, GrainInterfaceDescriptor> Descriptors =
        typeof(ICounterGrain).Assembly
            .GetCustomAttributes<GrainInterfaceDescriptorAttribute>()
            .ToDictionary(a => a.InterfaceType, a => (GrainInterfaceDescriptor)Activator.CreateInstance(a.DescriptorType)!);

    private readonly Dictionary<GrainId, (Type Interface, object Grain)> _grains = [];

    public LoopbackCluster()
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new GrainReferenceJsonConverterFactory(this) },
        };
    }

    public JsonSerializerOptions Options { get; }

    /// <summary>Every request the grains received, rebuilt from the wire, in call order.</summary>
    public List<GrainRequest> Received { get; } = [];

    public static GrainInterfaceDescriptor DescriptorOf(Type grainInterface) =>
        Descriptors.TryGetValue(grainInterface, out var descriptor)
            ? descriptor
            : throw new InvalidOperationException($"Datapunk.TestGrains registers no descriptor for {grainInterface.Name}; registered: {string.Join(", ", Descriptors.Keys.Select(k => k.Name))}.");

    /// <summary>Registers <paramref name="grain"/> under <paramref name="key"/> and returns a generated proxy for it.</summary>
    public TGrainInterface Add<TGrainInterface>(string key, TGrainInterface grain)
        where TGrainInterface : IGrain
    {
        var id = new GrainId(typeof(TGrainInterface).FullName!, key);
        _grains.Add(id, (typeof(TGrainInterface), grain));
        return Reference<TGrainInterface>(id);
    }

    public TGrainInterface Reference<TGrainInterface>(GrainId id) =>
        (TGrainInterface)(object)DescriptorOf(typeof(TGrainInterface)).CreateReference(id, this);

    public object Reference(Type grainInterface, GrainId id) => DescriptorOf(grainInterface).CreateReference(id, this);

    public async Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var (grainInterface, grain) = _grains[target.GrainId];

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            request.WriteArguments(writer, Options);
            writer.WriteEndArray();
        }

        var received = DescriptorOf(grainInterface).CreateRequest(request.Method.Id)
            .ShouldBeAssignableTo<GrainRequest<TResult>>($"the descriptor of {grainInterface.Name} should rebuild {request.Method.Name} from id {request.Method.Id}")!;
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read().ShouldBeTrue();
        reader.TokenType.ShouldBe(JsonTokenType.StartArray);
        received.ReadArguments(ref reader, Options);
        reader.Read().ShouldBeTrue();
        reader.TokenType.ShouldBe(JsonTokenType.EndArray, $"{request.Method.Name} should read exactly the arguments it wrote");
        received.Method.ShouldBe(request.Method);
        Received.Add(received);

        var result = await received.InvokeAsync(grain);
        return JsonSerializer.Deserialize<TResult>(JsonSerializer.SerializeToUtf8Bytes(result, Options), Options)!;
    }
}
