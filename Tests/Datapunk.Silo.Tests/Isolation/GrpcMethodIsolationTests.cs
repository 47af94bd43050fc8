using Datapunk.Client;
using Datapunk.Silo.Grpc.V1;
using Datapunk.Silo.Tests.Grpc;
using Datapunk.Silo.Tests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Datapunk.Silo.Tests.Isolation;

/// <summary>
/// Isolation of the gRPC services proven by enumeration: every method of every service in the
/// repository's .proto files, found through the descriptors the Silo assembly carries (so a new
/// service or method is covered the day it is added), called by one member with the other member's
/// ids in every id field (import, token, export, upload, user name, erasure confirmation, saved query) and
/// with a question that returns data (the whole world, the victim's month, a model kind, SQL over every
/// record). The victim holds records whose titles carry their name, and a saved query and a query in the
/// workbench's history that carry it too. No reply ever carries the other member's data, none fails with Internal or
/// Unknown, and without a token every method answers Unauthenticated.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcMethodIsolationTests(SiloProcessFixture silo)
{
    /// <summary>Every generated <c>…Reflection.Descriptor</c> of package datapunk.v1.</summary>
    private static readonly FileDescriptor[] Protos =
    [
        .. typeof(MeReflection).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(MeReflection).Namespace && type.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(type => (FileDescriptor)type.GetProperty("Descriptor")!.GetValue(null)!),
    ];

    /// <summary>
    /// Fields that are not ids, set so that the call asks for data rather than failing on a missing argument: by field
    /// name, or by message and field name where the same name asks other things of other messages (a stats metric's kind).
    /// </summary>
    private static readonly Dictionary<string, object> Questions = new()
    {
        ["box"] = new BoundingBox { MinLng = -180, MinLat = -90, MaxLng = 180, MaxLat = 90 },
        ["from"] = "2019-05-01",
        ["to"] = "2019-05-31",
        ["metric"] = "places_visited",
        ["question"] = "who did I write to most",
        ["query"] = "dinner",
        ["ModelRequest.kind"] = "places",
        ["PromoteModelRequest.kind"] = "places",
        ["PromoteModelRequest.version"] = 1,
        ["SqlRequest.sql"] = "SELECT * FROM records",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task No_method_shows_one_member_the_other_members_data_or_fails_internally()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var victim = scenario.Member;
        var importId = await scenario.ImportMemberRecordsAsync(plays: 5, Cancellation);
        var uploadId = await scenario.UploadAsync(victim, Cancellation, ("Takeout/Location History/Records.json", "{\"locations\":[]}"u8.ToArray()));
        using var asVictim = new DatapunkGatewayClient(silo.Gateway, victim.Token);
        var spare = await asVictim.CreateTokenAsync("victim's spare", ["read"], cancellationToken: Cancellation);
        var exportId = (await asVictim.StartExportAsync(Cancellation)).ExportId;
        var workbench = new Datapunk.Silo.Grpc.V1.Workbench.WorkbenchClient(scenario.Channel);
        var savedQuery = await workbench.SaveAsync(new SaveSqlRequest { Name = $"{victim.Name}'s query", Sql = "SELECT 1" }, GrpcScenario.As(victim.Token));
        await workbench.RunAsync(new SqlRequest { Sql = $"SELECT '{victim.Name}' AS owner" }, GrpcScenario.As(victim.Token));
        var ids = new Dictionary<string, object>
        {
            ["import_id"] = importId.ToString(),
            ["token_id"] = spare.Token.TokenId.ToString(),
            ["user_name"] = victim.Name,
            ["export_id"] = exportId.ToString(),
            ["upload_ids"] = uploadId.ToString(),
            ["upload_id"] = uploadId.ToString(),
            ["confirm"] = victim.Name,
            ["DeleteSavedSqlRequest.id"] = savedQuery.Id,
        };
        string[] markers = [victim.Name, importId.ToString("D"), spare.Token.TokenId.ToString("D"), spare.Text, exportId.ToString("D"), uploadId.ToString("D")];

        var failures = new List<string>();
        foreach (var method in Methods())
        {
            var (status, replies) = await CallAsync(scenario, method, Request(method, ids), scenario.Other.Token);
            if (status is StatusCode.Internal or StatusCode.Unknown)
            {
                failures.Add($"{method.FullName} failed with {status}");
            }

            foreach (var reply in replies)
            {
                failures.AddRange(markers.Where(marker => reply.Contains(marker, StringComparison.Ordinal))
                    .Select(marker => $"{method.FullName} answered {status} with the other member's '{marker}': {reply}"));
            }
        }

        failures.ShouldBeEmpty();
        (await asVictim.GetMeAsync(Cancellation)).UserName.ShouldBe(victim.Name, "the victim's account survived the other member's Erase");
        (await workbench.ListSavedAsync(new ListSavedSqlRequest(), GrpcScenario.As(victim.Token))).Queries.ShouldContain(query => query.Id == savedQuery.Id,
            "the victim's saved query survived the other member's DeleteSaved");
        (await asVictim.GetExportAsync(exportId, Cancellation)).ExportId.ShouldBe(exportId);
        (await asVictim.StartImportAsync([uploadId], cancellationToken: Cancellation)).ImportId.ShouldNotBe(importId, "the victim's upload was left to the victim");
        using var stillValid = new DatapunkGatewayClient(silo.Gateway, spare.Text);
        (await stillValid.GetMeAsync(Cancellation)).UserName.ShouldBe(victim.Name, "the victim's token was not revoked by the other member");
    }

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task Every_method_without_a_token_is_unauthenticated()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);

        var failures = new List<string>();
        foreach (var method in Methods())
        {
            var (status, _) = await CallAsync(scenario, method, method.InputType.Parser.ParseFrom([]), token: null);
            if (status != StatusCode.Unauthenticated)
            {
                failures.Add($"{method.FullName} answered {status} without a token");
            }
        }

        failures.ShouldBeEmpty();
    }

    private static List<MethodDescriptor> Methods()
    {
        var methods = Protos.SelectMany(proto => proto.Services).SelectMany(service => service.Methods).ToList();
        methods.Select(method => method.Service.Name).Distinct()
            .ShouldBe(
                ["Anomalies", "Answers", "Audit", "Catalog", "Connections", "Imports", "Map", "Me", "Models", "Places", "Privacy", "Records", "Search", "Stats", "Tables",
                 "Timeline", "Tokens", "Users", "Workbench"],
                ignoreOrder: true, "the protos describe every service");
        return methods;
    }

    /// <summary>The method's request with every field named like an id set to the other member's, and the <see cref="Questions"/> asked.</summary>
    private static IMessage Request(MethodDescriptor method, IReadOnlyDictionary<string, object> ids)
    {
        var request = method.InputType.Parser.ParseFrom([]);
        foreach (var field in method.InputType.Fields.InFieldNumberOrder())
        {
            if ((Named(ids, field) ?? Named(Questions, field)) is { } value && Fits(field, value))
            {
                SetValue(request, field, value);
            }
        }

        return request;
    }

    /// <summary>The value for <paramref name="field"/> named by its message and name, else by its name alone.</summary>
    private static object? Named(IReadOnlyDictionary<string, object> values, FieldDescriptor field) =>
        values.GetValueOrDefault($"{field.ContainingType.Name}.{field.Name}") ?? values.GetValueOrDefault(field.Name);

    private static bool Fits(FieldDescriptor field, object value) => field.FieldType switch
    {
        FieldType.String => value is string,
        FieldType.Message => value is IMessage,
        FieldType.Int32 => value is int,
        FieldType.Int64 => value is long,
        _ => false,
    };

    private static void SetValue(IMessage request, FieldDescriptor field, object value)
    {
        if (field.IsRepeated)
        {
            ((System.Collections.IList)field.Accessor.GetValue(request)).Add(value);
        }
        else
        {
            field.Accessor.SetValue(request, value);
        }
    }

    private static async Task<(StatusCode Status, List<string> Replies)> CallAsync(GrpcScenario scenario, MethodDescriptor descriptor, IMessage request, string? token)
    {
        var method = new Method<IMessage, IMessage>(
            descriptor.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            descriptor.Service.FullName,
            descriptor.Name,
            Marshallers.Create<IMessage>(message => message.ToByteArray(), bytes => descriptor.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create<IMessage>(message => message.ToByteArray(), bytes => descriptor.OutputType.Parser.ParseFrom(bytes)));
        var invoker = scenario.Channel.CreateCallInvoker();
        var options = GrpcScenario.As(token, DateTime.UtcNow.AddSeconds(5));
        var replies = new List<string>();
        try
        {
            if (descriptor.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(method, host: null, options, request);
                while (await call.ResponseStream.MoveNext(Cancellation))
                {
                    replies.Add(JsonFormatter.Default.Format(call.ResponseStream.Current));
                }
            }
            else
            {
                using var call = invoker.AsyncUnaryCall(method, host: null, options, request);
                replies.Add(JsonFormatter.Default.Format(await call.ResponseAsync));
            }

            return (StatusCode.OK, replies);
        }
        catch (RpcException exception)
        {
            return (exception.StatusCode, replies);
        }
    }
}
