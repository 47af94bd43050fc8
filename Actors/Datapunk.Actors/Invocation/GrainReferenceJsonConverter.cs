using System.Text.Json.Serialization;

namespace Datapunk.Actors.Invocation;

/// <summary>
/// Lets grain references travel in calls and persist in state: a reference is written as its
/// "type/key" id and read back as a proxy bound to the reading process's runtime or client.
/// </summary>
public sealed class GrainReferenceJsonConverterFactory(Func<Type, GrainId, GrainReference> createReference) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsInterface && typeof(IAddressable).IsAssignableFrom(typeToConvert) && typeToConvert != typeof(IAddressable);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), createReference)!;

    /// <summary>JSON options for calls and state, with grain references bound to <paramref name="createReference"/>.</summary>
    public static JsonSerializerOptions CreateOptions(Func<Type, GrainId, GrainReference> createReference)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new GrainReferenceJsonConverterFactory(createReference));
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private sealed class Converter<T>(Func<Type, GrainId, GrainReference> createReference) : JsonConverter<T>
        where T : class
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            var text = reader.GetString() ?? throw new JsonException($"Expected a grain id string for {typeof(T).Name}.");
            return (T)(object)createReference(typeof(T), GrainId.Parse(text));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is not GrainReference reference)
            {
                throw new JsonException($"Only grain references can be serialized as {typeof(T).Name}; got {value.GetType().Name}.");
            }

            writer.WriteStringValue(reference.GrainId.ToString());
        }
    }
}
