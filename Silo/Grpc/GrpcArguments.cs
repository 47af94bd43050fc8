using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Datapunk.Silo.Grpc;

/// <summary>Reading request fields: a bad one ends the call with INVALID_ARGUMENT naming the field and what it must be.</summary>
internal static class GrpcArguments
{
    public static Guid Id(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw Invalid(field, $"'{value}' is not a UUID.");

    public static DateTimeOffset? Time(Timestamp? value, string field)
    {
        try
        {
            return value?.ToDateTimeOffset();
        }
        catch (InvalidOperationException exception)
        {
            throw Invalid(field, exception.Message);
        }
    }

    public static RpcException Invalid(string field, string message) => new(new Status(StatusCode.InvalidArgument, $"{field}: {message}"));

    /// <summary>Errors keyed by the REST body's field names (<c>userName</c>), reported with the proto's (<c>user_name</c>).</summary>
    public static RpcException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(new Status(StatusCode.InvalidArgument, string.Join(" ", errors.Select(error => $"{ProtoName(error.Key)}: {string.Join(" ", error.Value)}"))));

    private static string ProtoName(string camelCase) =>
        string.Concat(camelCase.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
