using Datapunk.Cortex.Answers.Questions;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>The grammar alone: which questions it recognises, as what, and the local days their periods name.</summary>
public sealed class QuestionRecogniserTests
{
    private static readonly DateOnly Today = new(2020, 6, 15);

    [Theory]
    [InlineData("Where was I on 3 May 2019?", "where_was_i", "en", "2019-05-03", "2019-05-03")]
    [InlineData("where was I on May 3, 2019", "where_was_i", "en", "2019-05-03", "2019-05-03")]
    [InlineData("wo war ich am 3. Mai 2019", "where_was_i", "de", "2019-05-03", "2019-05-03")]
    [InlineData("où étais-je le 1er mai 2019", "where_was_i", "fr", "2019-05-01", "2019-05-01")]
    [InlineData("Where was I yesterday?", "where_was_i", "en", "2020-06-14", "2020-06-14")]
    [InlineData("How many videos did I watch in 2019?", "count", "en", "2019-01-01", "2019-12-31")]
    [InlineData("How many songs did I listen to last summer?", "count", "en", "2019-06-01", "2019-08-31")]
    [InlineData("How many emails did I send last month?", "count", "en", "2020-05-01", "2020-05-31")]
    [InlineData("How many searches last week?", "count", "en", "2020-06-08", "2020-06-14")]
    [InlineData("How many places did I visit between 1 May 2019 and 10 May 2019?", "count", "en", "2019-05-01", "2019-05-10")]
    [InlineData("How many steps since 1 June 2020?", "count", "en", "2020-06-01", "2020-06-15")]
    [InlineData("wie viele Schritte bin ich im Mai 2019 gegangen", "count", "de", "2019-05-01", "2019-05-31")]
    [InlineData("combien de vidéos ai-je regardées en 2019", "count", "fr", "2019-01-01", "2019-12-31")]
    [InlineData("Top 5 artists last winter", "top", "en", "2019-12-01", "2020-02-29")]
    [InlineData("Which songs did I listen to most in May?", "top", "en", "2020-05-01", "2020-05-31")]
    [InlineData("Who are my top 3 artists between 1 January 2019 and 31 March 2019?", "top", "en", "2019-01-01", "2019-03-31")]
    [InlineData("When did I last watch sourdough", "when_last", "en", null, null)]
    [InlineData("What did I search for about pasta in 2019", "about_topic", "en", "2019-01-01", "2019-12-31")]
    [InlineData("who did I email most last year", "wrote_most", "en", "2019-01-01", "2019-12-31")]
    public void Recognises_the_question_and_its_period(string question, string template, string language, string? from, string? to)
    {
        var recognised = QuestionRecogniser.Recognise(question, Today).ShouldNotBeNull($"'{question}' is recognised");
        recognised.Type.ToName().ShouldBe(template, question);
        recognised.Language.ShouldBe(language, question);
        recognised.Period?.First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(from, question);
        recognised.Period?.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(to, question);
    }

    [Theory]
    [InlineData("What did I search for about astronomy?", "astronomy")]
    [InlineData("Qu'est-ce que j'ai regardé sur l'astronomie ?", "astronomie")]
    [InlineData("When was I last at the Louvre?", "louvre")]
    [InlineData("When did I last watch anime?", "anime")]
    [InlineData("Was habe ich über Denkmäler gesehen?", "denkmäler")]
    public void A_topic_loses_its_article_but_not_the_letters_an_article_starts_with(string question, string topic) =>
        QuestionRecogniser.Recognise(question, Today).ShouldNotBeNull(question).Topic.ShouldBe(topic, question);

    [Fact]
    public void Last_winter_during_a_winter_is_the_one_before()
    {
        var period = QuestionRecogniser.Recognise("how many songs last winter", new DateOnly(2020, 1, 10))!.Period!;
        (period.First, period.Last).ShouldBe((new DateOnly(2018, 12, 1), new DateOnly(2019, 2, 28)));
    }

    [Theory]
    [InlineData("Tell me about sourdough")]
    [InlineData("What is the meaning of life?")]
    [InlineData("How many")]
    public void Does_not_guess_at_other_questions(string question) =>
        QuestionRecogniser.Recognise(question, Today).ShouldBeNull($"'{question}' is not a question the templates answer");
}
