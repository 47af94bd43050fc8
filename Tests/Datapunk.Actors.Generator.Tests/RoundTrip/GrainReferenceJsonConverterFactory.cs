using System.Text.Json;
using System.Text.Json.Serialization;

namespace Datapunk.Actors.Generator.Tests.RoundTrip;

/// <summary>Writes grain references as their "type/key" id and reads them back as proxies of <see cref="LoopbackCluster"/>.</summary>
internal sealed class GrainReferenceJsonConverterFactory(LoopbackCluster cluster) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), cluster)!;

    private sealed class Converter<TGrainInterface>(LoopbackCluster cluster) : JsonConverter<TGrainInterface>
    {
        public override TGrainInterface Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            (TGrainInterface)cluster.Reference(typeToConvert, GrainId.Parse(reader.GetString()!));

        public override void Write(Utf8JsonWriter writer, TGrainInterface value, JsonSerializerOptions options) =>
            writer.WriteStringValue(((GrainReference)(object)value!).GrainId.ToString());
    }
}
