using Datapunk.Cortex.Answers.LanguageModel;
using static Datapunk.Cortex.Tests.Answers.SyntheticPerson;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>
/// What the model server sees: personal identifiers in the question and in the tools' results reach it
/// as pseudonyms, its arguments and answer are turned back into the values, and a user who turns
/// masking off for the server sends them as they are.
/// </summary>
public sealed class ModelPrivacyTests
{
    private const string Bob = "bob@example.org";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task The_server_sees_pseudonyms_and_the_user_sees_the_values()
    {
        var person = await CreateAsync("masked", Cancellation);
        await using var server = await ScriptedChatServer.StartAsync(
            ScriptedChatServer.ToolCalls(("call_1", "cortex-template_answer", """{"question":"When did I last write to «email-1»?"}""")),
            ScriptedChatServer.ToolCalls(("call_2", "cortex-search_records", """{"query":"«email-1»","kind":"emails"}""")),
            ScriptedChatServer.Text("You last wrote to «email-1» about band practice [r1]."));

        var answer = await AnswersEngine.WithModel(server.Endpoint, "scripted-model")
            .AskAsync(TemplateAnswerTests.Context(person.UserId, $"When did I last write to {Bob}?"), Cancellation);

        server.Requests.Count.ShouldBe(3);
        server.Requests.ShouldAllBe(request => !request.Body.ToJsonString().Contains("@example.org"), "no address reaches the server");
        var question = server.Requests[0].Body["messages"]!.AsArray().Last()!["content"]!.ToString();
        question.ShouldBe("When did I last write to «email-1»?");

        // The model's arguments were read with the address: the template found Bob's mail.
        var templateResult = ToolResults(server.Requests[1]).ShouldHaveSingleItem();
        templateResult.ShouldContain("Band practice moved");
        answer.How.ToolCalls[0].Arguments.ShouldContain(Bob);
        answer.How.ToolCalls[0].Records.ShouldBeGreaterThan(0);
        answer.How.ToolCalls[1].Arguments.ShouldContain(Bob);

        answer.Answer.ShouldBe($"You last wrote to {Bob} about band practice [1].");
        answer.Citations.ShouldHaveSingleItem().Kind.ShouldBe("emails");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_user_who_turns_masking_off_sends_the_values()
    {
        var person = await CreateAsync("unmasked", Cancellation);
        await using var server = await ScriptedChatServer.StartAsync(
            ScriptedChatServer.ToolCalls(("call_1", "cortex-template_answer", $$"""{"question":"When did I last write to {{Bob}}?"}""")),
            ScriptedChatServer.Text("You last wrote to Bob [r1]."));

        await AnswersEngine.WithModel(server.Endpoint, "scripted-model")
            .AskAsync(TemplateAnswerTests.Context(person.UserId, $"When did I last write to {Bob}?") with { ChatMasksPii = false }, Cancellation);

        server.Requests[0].Body.ToJsonString().ShouldContain(Bob);
        ToolResults(server.Requests[1]).ShouldHaveSingleItem().ShouldContain("Band practice moved");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_choice_is_per_user_and_server_and_masked_by_default()
    {
        var dataSource = await CortexDatabase.SiloLoginAsync();
        var masking = new ModelServerMasking(dataSource, new ChatModelSettings(new Uri("http://localhost:11434/v1"), "m", null, TimeSpan.FromSeconds(5)));
        var (alice, bob) = (CortexDatabase.NewUserId("mask-a"), CortexDatabase.NewUserId("mask-b"));
        var (ollama, other) = (new Uri("http://localhost:11434/v1"), new Uri("https://models.example.net/v1"));

        (await masking.MasksAsync(alice, ollama, Cancellation)).ShouldBeTrue("masked until the user chooses otherwise");
        await masking.SetAsync(alice, ollama, false, Cancellation);

        (await masking.MasksAsync(alice, ollama, Cancellation)).ShouldBeFalse();
        (await masking.MasksAsync(alice, other, Cancellation)).ShouldBeTrue("a choice for one server does not carry over to another");
        (await masking.MasksAsync(bob, ollama, Cancellation)).ShouldBeTrue("nor to another user");

        await masking.SetAsync(alice, ollama, true, Cancellation);
        (await masking.MasksAsync(alice, ollama, Cancellation)).ShouldBeTrue();
    }

    [Fact]
    public void Pseudonyms_are_stable_per_value_and_reveal_only_what_they_gave()
    {
        var pseudonyms = new PiiPseudonyms(enabled: true);

        pseudonyms.Hide("alice@example.org, +44 20 7946 0958, alice@example.org and bob@example.org")
            .ShouldBe("«email-1», «phone-1», «email-1» and «email-2»");
        pseudonyms.Reveal("«email-2» called «phone-1»; «email-9» is unknown").ShouldBe("bob@example.org called +44 20 7946 0958; «email-9» is unknown");
        new PiiPseudonyms(enabled: false).Hide("alice@example.org").ShouldBe("alice@example.org");
    }

    private static List<string> ToolResults((System.Text.Json.Nodes.JsonObject Body, string? Authorization) request) =>
        request.Body["messages"]!.AsArray().Where(message => message!["role"]!.GetValue<string>() == "tool")
            .Select(message => message!["content"]!.ToString()).ToList();
}
