namespace Datapunk.Actors.Invocation;

/// <summary>Helpers the generated code calls; keeping them here keeps the generated code short.</summary>
public static class GrainInvocation
{
    public static ValueTask<Void> ToVoid(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return default;
        }

        return AwaitVoidAsync(task);
    }

    public static ValueTask<Void> ToVoid(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            return default;
        }

        return AwaitVoidAsync(task.AsTask());
    }

    public static void WriteArgument<T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);

    /// <summary>Advances to the next argument and reads it.</summary>
    public static T ReadArgument<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            throw new JsonException($"A grain call carried fewer arguments than the method declares (expected a {typeof(T).Name}).");
        }

        return JsonSerializer.Deserialize<T>(ref reader, options)!;
    }

    private static async ValueTask<Void> AwaitVoidAsync(Task task)
    {
        await task.ConfigureAwait(false);
        return default;
    }
}
