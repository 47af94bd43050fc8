using Datapunk.Actors.Runtime;

namespace Datapunk.Actors.Transport;

/// <summary>
/// The wire format: each frame is an int32 length, a frame kind byte and a body. Requests carry the
/// target, method id, remaining time, call chain and trace parent, then the arguments as a JSON
/// array; responses carry a status and a JSON result, an exception, or a "moved" hint.
/// </summary>
internal static class FrameKind
{
    public const byte Hello = 1;
    public const byte Request = 2;
    public const byte Response = 3;
}

internal static class ResponseStatus
{
    public const byte Ok = 0;
    public const byte Error = 1;
    public const byte Moved = 2;
}

/// <summary>A frame waiting in a connection's send queue; encoded by the connection's writer loop.</summary>
internal abstract class OutgoingFrame
{
    public void Encode(FrameBuffer buffer, Utf8JsonWriter json, JsonSerializerOptions options)
    {
        var lengthPosition = buffer.ReserveInt32();
        var start = buffer.Length;
        EncodeBody(buffer, json, options);
        buffer.PatchInt32(lengthPosition, buffer.Length - start);
    }

    protected abstract void EncodeBody(FrameBuffer buffer, Utf8JsonWriter json, JsonSerializerOptions options);
}

internal sealed class HelloFrame(string clusterId) : OutgoingFrame
{
    protected override void EncodeBody(FrameBuffer buffer, Utf8JsonWriter json, JsonSerializerOptions options)
    {
        buffer.WriteByte(FrameKind.Hello);
        buffer.WriteString(clusterId);
    }
}

internal sealed class RequestFrame(long callId, GrainId target, GrainRequest request, CallChain? chain, int timeoutMilliseconds, string? traceParent)
    : OutgoingFrame
{
    protected override void EncodeBody(FrameBuffer buffer, Utf8JsonWriter json, JsonSerializerOptions options)
    {
        buffer.WriteByte(FrameKind.Request);
        buffer.WriteInt64(callId);
        buffer.WriteInt32(timeoutMilliseconds);
        buffer.WriteString(target.Type);
        buffer.WriteString(target.Key);
        buffer.WriteUInt32(request.Method.Id);
        var links = chain?.ToList() ?? [];
        buffer.WriteInt32(links.Count);
        foreach (var link in links)
        {
            buffer.WriteString(link.Type);
            buffer.WriteString(link.Key);
        }

        buffer.WriteString(traceParent);
        json.Reset(buffer);
        json.WriteStartArray();
        request.WriteArguments(json, options);
        json.WriteEndArray();
        json.Flush();
    }
}

internal sealed class ResultFrame<T>(long callId, T result) : OutgoingFrame
{
    protected override void EncodeBody(FrameBuffer buffer, Utf8JsonWriter json, JsonSerializerOptions options)
    {
        buffer.WriteByte(FrameKind.Response);
        buffer.WriteInt64(callId);
        buffer.WriteByte(ResponseStatus.Ok);
        json.Reset(buffer);
        JsonSerializer.Serialize(json, result, options);
        json.Flush();
    }
}

internal sealed class ErrorFrame(long callId, Exception exception) : OutgoingFrame
{
    protected override void EncodeBody(FrameBuffer buffer, Utf8JsonWriter json, JsonSerializerOptions options)
    {
        buffer.WriteByte(FrameKind.Response);
        buffer.WriteInt64(callId);
        buffer.WriteByte(ResponseStatus.Error);
        var type = exception.GetType();
        buffer.WriteString($"{type.FullName}, {type.Assembly.GetName().Name}");
        buffer.WriteString(exception.Message);
        buffer.WriteString(exception.StackTrace);
    }
}

internal sealed class MovedFrame(long callId, string? ownerHint) : OutgoingFrame
{
    protected override void EncodeBody(FrameBuffer buffer, Utf8JsonWriter json, JsonSerializerOptions options)
    {
        buffer.WriteByte(FrameKind.Response);
        buffer.WriteInt64(callId);
        buffer.WriteByte(ResponseStatus.Moved);
        buffer.WriteString(ownerHint);
    }
}

/// <summary>Turns an exception that crossed the wire back into its own type where that is safe.</summary>
internal static class RemoteExceptions
{
    public static Exception Recreate(string typeName, string message, string? stackTrace)
    {
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type)
            && (type.GetConstructor([typeof(string), typeof(Exception)]) ?? type.GetConstructor([typeof(string)])) is { } constructor)
        {
            try
            {
                return (Exception)constructor.Invoke(constructor.GetParameters().Length == 2 ? [message, null] : [message]);
            }
            catch (System.Reflection.TargetInvocationException)
            {
                // Fall through to the generic wrapper.
            }
        }

        var shortName = typeName.Split(',')[0];
        return new RemoteGrainException(shortName, $"{shortName}: {message}", stackTrace);
    }
}
