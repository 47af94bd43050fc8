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
/// repository's .proto files, found through their descriptors (so a new method is covered the day it
/// is added), called by one member with the other member's ids in every id field. No reply ever
/// carries the other member's data, none fails with Internal or Unknown, and without a token every
/// method answers Unauthenticated.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class GrpcMethodIsolationTests(SiloProcessFixture silo)
{
    private static readonly FileDescriptor[] Protos =
        [MeReflection.Descriptor, TokensReflection.Descriptor, UsersReflection.Descriptor, ImportsReflection.Descriptor, AuditReflection.Descriptor, SearchReflection.Descriptor];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = Deadlines.TestMilliseconds)]
    public async Task No_method_shows_one_member_the_other_members_data_or_fails_internally()
    {
        await using var scenario = await GrpcScenario.StartAsync(silo, Cancellation);
        var victim = scenario.Member;
        var importId = await scenario.StartMemberImportAsync(fixes: 50);
        using var asVictim = new DatapunkGatewayClient(silo.Gateway, victim.Token);
        var spare = await asVictim.CreateTokenAsync("victim's spare", ["read"], cancellationToken: Cancellation);
        var ids = new Dictionary<string, string>
        {
            ["import_id"] = importId.ToString(),
            ["token_id"] = spare.Token.TokenId.ToString(),
            ["user_name"] = victim.Name,
        };
        string[] markers = [victim.Name, importId.ToString("D"), spare.Token.TokenId.ToString("D"), spare.Text];

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
        (await asVictim.GetMeAsync(Cancellation)).UserName.ShouldBe(victim.Name);
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
        methods.Count.ShouldBeGreaterThan(10, "the protos describe the services");
        return methods;
    }

    /// <summary>The method's request with every string field named like an id set to the other member's.</summary>
    private static IMessage Request(MethodDescriptor method, IReadOnlyDictionary<string, string> ids)
    {
        var request = method.InputType.Parser.ParseFrom([]);
        foreach (var field in method.InputType.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.String && !field.IsRepeated && ids.TryGetValue(field.Name, out var value))
            {
                field.Accessor.SetValue(request, value);
            }
        }

        return request;
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
