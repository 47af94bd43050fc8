using Datapunk.Lake.Reading;
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

    /// <summary>A string field's value, or null when it is empty (proto3 does not tell an empty string from an absent one).</summary>
    public static string? Given(string value) => value.Length > 0 ? value : null;

    /// <summary>A count the caller may leave at 0 for the default.</summary>
    public static int OrDefault(int value, int fallback) => value != 0 ? value : fallback;

    /// <summary>The query when <paramref name="errors"/> has nothing against it; otherwise INVALID_ARGUMENT naming each field (<see cref="Invalid(IReadOnlyDictionary{string, string[]}, IReadOnlyDictionary{string, string}?)"/>).</summary>
    public static T Valid<T>(T query, QueryErrors errors, IReadOnlyDictionary<string, string> fieldNames) =>
        errors.Any ? throw Invalid(errors.ByParameter, fieldNames) : query;

    public static RpcException Invalid(string field, string message) => new(new Status(StatusCode.InvalidArgument, $"{field}: {message}"));

    /// <summary>
    /// Errors keyed by the REST parameters' or body's names (<c>userName</c>, <c>tz</c>), reported with the
    /// proto's field names: <paramref name="fieldNames"/> where REST names them otherwise (<c>tz</c> is
    /// <c>time_zone</c>), else the name in snake case (<c>user_name</c>).
    /// </summary>
    public static RpcException Invalid(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string>? fieldNames = null) =>
        new(new Status(StatusCode.InvalidArgument, string.Join(" ", errors.Select(error =>
            $"{fieldNames?.GetValueOrDefault(error.Key) ?? ProtoName(error.Key)}: {string.Join(" ", error.Value)}"))));

    private static string ProtoName(string camelCase) =>
        string.Concat(camelCase.Select(c => char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
