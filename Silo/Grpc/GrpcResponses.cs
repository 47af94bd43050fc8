using System.Globalization;
using Grpc.Core;

namespace Datapunk.Silo.Grpc;

/// <summary>
/// Answers a gRPC call from middleware that runs before the gRPC service (authorization, act-as, rate
/// limits): a trailers-only response whose status and message gRPC clients read, where an HTTP status
/// (429, 404) would reach them as UNAVAILABLE or UNIMPLEMENTED.
/// </summary>
public static class GrpcResponses
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static async Task WriteStatusAsync(HttpContext context, StatusCode status, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        // The protocol percent-encodes the message (PROTOCOL-HTTP2.md, Status-Message).
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        await response.CompleteAsync();
    }
}
