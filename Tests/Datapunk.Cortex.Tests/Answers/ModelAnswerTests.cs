using static Datapunk.Cortex.Tests.Answers.SyntheticPerson;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>
/// The language-model path against <see cref="ScriptedChatServer"/>: the model is offered Cortex's tools,
/// its tool calls run against the user's real data, the results go back to it, and its answer keeps only
/// citations of records the tools returned.
/// </summary>
public sealed class ModelAnswerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact(Timeout = 60_000)]
    public async Task The_model_answers_from_the_tools_and_cites_only_what_they_returned()
    {
        var person = await CreateAsync("model", Cancellation);
        await using var server = await ScriptedChatServer.StartAsync(
            ScriptedChatServer.ToolCalls(
                ("call_1", "cortex-template_answer", """{"question":"top 3 artists last winter"}"""),
                ("call_2", "cortex-search_records", """{"query":"Reckoner","kind":"spotify_plays"}""")),
            ScriptedChatServer.Text("Radiohead led last winter [r1], ahead of Daft Punk [r2]. Also [r99]."));

        var answer = await AnswersEngine.WithModel(server.Endpoint, "scripted-model")
            .AskAsync(TemplateAnswerTests.Context(person.UserId, "Who did I listen to most last winter?") with { ChatApiKey = "user-key" }, Cancellation);

        server.Requests.Count.ShouldBe(2, "one request for the tool calls, one with their results");
        var first = server.Requests[0];
        first.Authorization.ShouldBe("Bearer user-key");
        first.Body["model"]!.GetValue<string>().ShouldBe("scripted-model");
        var tools = first.Body["tools"]!.AsArray().Select(tool => tool!["function"]!["name"]!.GetValue<string>()).ToList();
        tools.ShouldBe(["cortex-search_records", "cortex-timeline_of_day", "cortex-daily_stats", "cortex-visited_places", "cortex-template_answer"], ignoreOrder: true);
        first.Body["messages"]!.AsArray().Last()!["content"]!.ToString().ShouldContain("Who did I listen to most last winter?");
        first.Body["messages"]!.AsArray().First()!["content"]!.ToString().ShouldContain("Europe/Berlin");

        // The tools' results went back to the model: the user's own records, with the references to cite.
        var results = server.Requests[1].Body["messages"]!.AsArray().Where(message => message!["role"]!.GetValue<string>() == "tool")
            .Select(message => message!["content"]!.ToString()).ToList();
        results.Count.ShouldBe(2);
        results[0].ShouldContain("1. Radiohead (5 plays)");
        results[0].ShouldContain("\"ref\":\"r1\"");
        results[1].ShouldContain("Radiohead — Reckoner");

        answer.UsedLanguageModel.ShouldBeTrue();
        answer.How.Method.ShouldBe("model");
        answer.How.ToolCalls.Select(call => call.Name).ShouldBe(["template_answer", "search_records"]);
        answer.How.ToolCalls[1].Records.ShouldBe(3, "three plays of Reckoner");
        answer.Answer.ShouldBe("Radiohead led last winter [1], ahead of Daft Punk [2]. Also.");
        answer.Citations.Select(citation => citation.Id).ShouldBe([PlayId("Reckoner", At(2020, 2, 28, 22, 15)), PlayId("Digital Love", At(2020, 2, 10, 10, 0))]);
        answer.Citations.ShouldAllBe(citation => citation.Kind == "spotify_plays" && citation.Source == "spotify.extended-history");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_model_is_refused_bad_arguments_and_never_reaches_the_database_otherwise()
    {
        var person = await CreateAsync("model-refused", Cancellation);
        await using var server = await ScriptedChatServer.StartAsync(
            ScriptedChatServer.ToolCalls(
                ("call_1", "cortex-daily_stats", """{"metric":"steps; DROP TABLE user_data.records","from":"2019-05-01","to":"2019-05-31"}"""),
                ("call_2", "cortex-timeline_of_day", """{"date":"2019-05-03"}""")),
            ScriptedChatServer.Text("You were at Museum Island [r2]."));

        var answer = await AnswersEngine.WithModel(server.Endpoint, "scripted-model")
            .AskAsync(TemplateAnswerTests.Context(person.UserId, "What did I do on 3 May 2019?"), Cancellation);

        var results = server.Requests[1].Body["messages"]!.AsArray().Where(message => message!["role"]!.GetValue<string>() == "tool")
            .Select(message => message!["content"]!.ToString()).ToList();
        results[0].ShouldContain("is not a metric");
        results[1].ShouldContain("Museum Island");
        results[1].ShouldNotContain("Berghain", customMessage: "the timeline is of the Berlin day");
        answer.Citations.ShouldHaveSingleItem().Kind.ShouldBe("place_visits");
        server.Requests[0].Authorization.ShouldBeOneOf(["", "Bearer"], "no key was configured or stored, so none is sent");
    }
}
