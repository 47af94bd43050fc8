using Datapunk.Cortex.Answers;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>
/// Answers without a language model, over real PostgreSQL: every question of <see cref="AnswerCases"/>
/// gets its template's answer and citations, dates are read in the user's zone, a question no template
/// fits falls back to matching records and says no model is configured, and another user's records
/// never appear.
/// </summary>
public sealed class TemplateAnswerTests
{
    private static readonly Lazy<Task<SyntheticPerson>> Person = new(() => SyntheticPerson.CreateAsync("answers", CancellationToken.None));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(AnswerCases.Cases), MemberType = typeof(AnswerCases))]
    public async Task Answers_the_question_from_the_users_data(AnswerCases.AnswerCase @case)
    {
        var person = await Person.Value;
        var answer = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, @case.Question), Cancellation);

        answer.How.Method.ShouldBe("template", $"'{@case.Question}' was answered by {answer.How.Method}: {answer.Answer}");
        answer.How.Template.ShouldBe(@case.Template, answer.Answer);
        answer.UsedLanguageModel.ShouldBeFalse();
        foreach (var expected in @case.Contains)
        {
            answer.Answer.ShouldContain(expected, Case.Sensitive, $"'{@case.Question}' answered: {answer.Answer}");
        }

        foreach (var excluded in @case.Excludes ?? [])
        {
            answer.Answer.ShouldNotContain(excluded, Case.Insensitive, $"'{@case.Question}' answered: {answer.Answer}");
        }

        var cited = answer.Citations.Select(citation => citation.Id).ToList();
        foreach (var id in @case.Cites)
        {
            cited.ShouldContain(id, $"'{@case.Question}' cites {string.Join(", ", cited)}");
        }

        answer.Citations.ShouldAllBe(citation => citation.Kind.Length > 0 && citation.Time != null && citation.Source != null);
    }

    [Fact]
    public async Task A_day_is_the_users_local_day()
    {
        var person = await Person.Value;
        var berlin = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, "Where was I on 3 May 2019?"), Cancellation);
        var utc = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, "Where was I on 3 May 2019?") with { TimeZone = "UTC" }, Cancellation);

        berlin.TimeZone.ShouldBe("Europe/Berlin");
        berlin.Answer.ShouldContain("Hotel Adlon (01:30–09:00)", customMessage: "23:30 UTC on 2 May is 01:30 on 3 May in Berlin");
        berlin.Answer.ShouldNotContain("Berghain", customMessage: "22:30 UTC on 3 May is 4 May in Berlin");
        berlin.Citations[0].LocalTime!.Value.Offset.ShouldBe(TimeSpan.FromHours(2));
        utc.Answer.ShouldContain("Berghain (22:30–", customMessage: utc.Answer);
        utc.Answer.ShouldContain("Hotel Adlon (Thu 2 May 2019 23:30–07:00)", customMessage: utc.Answer);
    }

    [Fact]
    public async Task An_unrecognised_question_gets_the_best_matching_records_and_says_no_model_is_configured()
    {
        var person = await Person.Value;
        var answer = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, "Tell me about sourdough"), Cancellation);

        answer.How.Method.ShouldBe("search");
        answer.How.Template.ShouldBeNull();
        answer.Answer.ShouldContain("no language model is configured");
        answer.Citations.Select(citation => citation.Title).ShouldBe(["Watched Sourdough starter explained", "Searched for sourdough starter"], ignoreOrder: true);
    }

    [Fact]
    public async Task Another_users_records_never_appear_in_an_answer()
    {
        var person = await Person.Value;
        var other = await SyntheticPerson.CreateAsync("answers-other", Cancellation);
        await other.AddPlayAsync("Zebra Quartet", "Secret Song", SyntheticPerson.At(2020, 1, 20, 20, 0), Cancellation);

        var mine = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, "When did I last listen to Zebra Quartet?"), Cancellation);
        var theirs = await AnswersEngine.NoModel().AskAsync(Context(other.UserId, "When did I last listen to Zebra Quartet?"), Cancellation);
        var top = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, "Top 10 artists last winter"), Cancellation);

        mine.Citations.ShouldBeEmpty(mine.Answer);
        mine.Answer.ShouldStartWith("Nothing you listened to");
        theirs.Citations.ShouldHaveSingleItem().Title.ShouldBe("Zebra Quartet — Secret Song");
        top.Answer.ShouldNotContain("Zebra");
        top.Answer.ShouldContain("(5 plays)", customMessage: "the other user's identical plays are not counted twice");
    }

    [Fact]
    public async Task A_record_that_names_the_topic_wins_over_newer_ones_that_only_resemble_it()
    {
        var person = await SyntheticPerson.CreateAsync("answers-fuzzy", Cancellation);
        await person.AddPlayAsync("Radio Head", "Creep (cover)", SyntheticPerson.At(2020, 3, 10, 20, 0), Cancellation);

        var named = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, "When did I last listen to Radiohead?"), Cancellation);
        var misspelt = await AnswersEngine.NoModel().AskAsync(Context(person.UserId, "When did I last listen to Radiohed?"), Cancellation);

        named.Answer.ShouldContain("Fri 28 February 2020 23:15", customMessage: named.Answer);
        named.Citations.ShouldAllBe(citation => citation.Title!.StartsWith("Radiohead — ", StringComparison.Ordinal), named.Answer);
        misspelt.Citations.ShouldNotBeEmpty("a misspelt name still finds what resembles it");
        misspelt.Citations[0].Title.ShouldBe("Radiohead — Reckoner", misspelt.Answer);
    }

    internal static AskContext Context(string userId, string question) =>
        new(userId, question, SyntheticPerson.TimeZone, SyntheticPerson.Now, SyntheticPerson.Email);
}
