using Datapunk.Cortex.Answers.LanguageModel;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>
/// A question turned into SQL by the chat model, against <see cref="ScriptedChatServer"/>: the model is
/// given the views and the question with identifiers as pseudonyms, and its query comes back with the
/// values, for the user to read before running it.
/// </summary>
public sealed class SqlFromQuestionTests
{
    private const string Schema = "emails(occurred_at timestamptz, subject text, recipients text, sent boolean)";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 30_000)]
    public async Task The_model_writes_the_query_from_the_views_without_seeing_the_address()
    {
        await using var server = await ScriptedChatServer.StartAsync(ScriptedChatServer.Text("""
            ```sql
            SELECT count(*) FROM emails WHERE sent AND recipients LIKE '%«email-1»%';
            ```
            The number of e-mails you sent to «email-1».
            """));

        var written = await Writer(server).WriteAsync("How many mails did I send to bob@example.org?", Schema, "user-key", masksPii: true, Cancellation);

        written.Refusal.ShouldBeNull();
        written.Sql.ShouldBe("SELECT count(*) FROM emails WHERE sent AND recipients LIKE '%bob@example.org%'");
        written.Explanation.ShouldBe("The number of e-mails you sent to bob@example.org.");
        var request = server.Requests.ShouldHaveSingleItem();
        request.Body.ToJsonString().ShouldNotContain("bob@example.org");
        request.Authorization.ShouldBe("Bearer user-key");
        var messages = request.Body["messages"]!.AsArray();
        messages[0]!["content"]!.ToString().ShouldContain(Schema);
        messages[1]!["content"]!.ToString().ShouldBe("How many mails did I send to «email-1»?");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_reply_without_a_query_is_a_refusal_with_the_models_reason()
    {
        await using var server = await ScriptedChatServer.StartAsync(ScriptedChatServer.Text("The views hold no heart rate, so this cannot be answered."));

        var written = await Writer(server).WriteAsync("What was my resting heart rate?", Schema, null, masksPii: true, Cancellation);

        written.Sql.ShouldBeNull();
        written.Refusal.ShouldBe("The views hold no heart rate, so this cannot be answered.");
    }

    [Fact]
    public async Task Without_a_configured_server_nothing_is_sent_and_the_user_is_told()
    {
        var writer = new SqlFromQuestion(new ChatModelSettings(null, null, null, TimeSpan.FromSeconds(5)), AnswersEngine.HttpClients);

        var written = await writer.WriteAsync("How many mails?", Schema, null, masksPii: true, Cancellation);

        writer.IsAvailable.ShouldBeFalse();
        written.Refusal.ShouldNotBeNull().ShouldContain("No language-model server is configured");
    }

    private static SqlFromQuestion Writer(ScriptedChatServer server) =>
        new(new ChatModelSettings(server.Endpoint, "scripted-model", null, TimeSpan.FromSeconds(20)), AnswersEngine.HttpClients);
}
