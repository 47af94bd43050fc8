using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Datapunk.Client;
using Datapunk.Grains;
using Datapunk.Silo.Grpc.V1;
using Datapunk.Silo.Tests.Grpc;
using Datapunk.Silo.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Datapunk.Silo.Tests.EndToEnd;

/// <summary>
/// Asking through every interface of a real silo, about data imported with the CLI: <c>datapunk ask
/// --json</c> prints one object with the answer and its citations, <c>POST /api/v1/ask</c> streams its
/// events, and gRPC's Ask streams the same; each cited record can be found by kind and id with the records API.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class AskTests(SiloProcessFixture silo) : IDisposable
{
    private const string Question = "How many songs did I listen to in 2019?";

    private readonly TempFolder _folder = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task A_question_is_answered_with_citations_through_the_cli_rest_and_grpc()
    {
        using var admin = silo.AdminClient();
        var user = await admin.CreateUserAsync(new NewUser(SiloTestNames.NewUserName()), Cancellation);
        var archive = _folder.File("spotify.zip");
        ArchiveBuilder.Zip(archive, ("Spotify Extended Streaming History/Streaming_History_Audio_2019.json", Encoding.UTF8.GetBytes("""
            [{"ts":"2019-03-01T10:00:00Z","ms_played":200000,"master_metadata_track_name":"Reckoner","master_metadata_album_artist_name":"Radiohead","spotify_track_uri":"spotify:track:1"},
             {"ts":"2019-04-01T10:00:00Z","ms_played":210000,"master_metadata_track_name":"Nude","master_metadata_album_artist_name":"Radiohead","spotify_track_uri":"spotify:track:2"},
             {"ts":"2020-01-01T10:00:00Z","ms_played":220000,"master_metadata_track_name":"Sinnerman","master_metadata_album_artist_name":"Nina Simone","spotify_track_uri":"spotify:track:3"}]
            """)));
        var imported = await CliProcess.RunAsync(["import", archive, "--user", user.User, "--wait", "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, silo.CredentialsFile);
        imported.ExitCode.ShouldBe(0, imported.ToString());

        var asked = await CliProcess.RunAsync(["ask", Question, "--user", user.User, "--json", "--gateway", silo.Gateway.AbsoluteUri], Deadlines.Cli, Cancellation, silo.CredentialsFile);
        asked.ExitCode.ShouldBe(0, asked.ToString());
        using var printed = JsonDocument.Parse(asked.Output);
        var answer = printed.RootElement;
        answer.GetProperty("answer").GetString().ShouldStartWith("2 Spotify plays in 2019", customMessage: asked.Output);
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        citations.Select(citation => citation.GetProperty("title").GetString()).ShouldBe(["Radiohead — Nude", "Radiohead — Reckoner"]);
        citations.ShouldAllBe(citation => citation.GetProperty("kind").GetString() == "spotify_plays" && citation.GetProperty("time").GetString() != null);
        answer.GetProperty("how").GetProperty("template").GetString().ShouldBe("count");
        answer.GetProperty("usedLanguageModel").GetBoolean().ShouldBeFalse();

        // Each citation is the records API's (kind, id).
        using var http = new HttpClient { BaseAddress = silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        var records = await http.GetStringAsync("api/v1/records?kind=spotify_plays", Cancellation);
        foreach (var citation in citations)
        {
            records.ShouldContain($"\"id\":\"{citation.GetProperty("id").GetString()}\"");
        }

        // REST: server-sent events by default.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/ask") { Content = JsonContent(new { question = Question }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, Cancellation);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var events = await response.Content.ReadAsStringAsync(Cancellation);
        var names = events.Split('\n').Where(line => line.StartsWith("event: ", StringComparison.Ordinal)).Select(line => line[7..]).ToList();
        names.First().ShouldBe("progress");
        names.Count(name => name == "citation").ShouldBe(2);
        names.TakeLast(2).ShouldBe(["answer", "done"]);

        // gRPC: the same events, streamed.
        using var channel = GrpcChannel.ForAddress(silo.Grpc);
        using var call = new Answers.AnswersClient(channel).Ask(new AskRequest { Question = Question }, GrpcScenario.As(user.Token));
        var streamed = new List<AskEvent>();
        await foreach (var message in call.ResponseStream.ReadAllAsync(Cancellation))
        {
            streamed.Add(message);
        }

        streamed[0].EventCase.ShouldBe(AskEvent.EventOneofCase.Progress);
        streamed.Where(message => message.EventCase == AskEvent.EventOneofCase.Citation).Select(message => message.Citation.Title).ShouldBe(["Radiohead — Nude", "Radiohead — Reckoner"]);
        streamed[^1].Done.Answer_.ShouldStartWith("2 Spotify plays in 2019");
        streamed[^1].Done.Template.ShouldBe("count");

        // Every answer left an audit entry with the records it cited.
        var trail = await new DatapunkGatewayClient(silo.Gateway, user.Token).GetAuditTrailAsync(cancellationToken: Cancellation);
        trail.Entries.Count(entry => entry.Action == "cortex.ask" && entry.RecordCount == 2).ShouldBe(3, "the CLI's, the events' and gRPC's answers");
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public void Dispose() => _folder.Dispose();
}
