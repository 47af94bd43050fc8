using static Datapunk.Cortex.Tests.Answers.SyntheticPerson;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>
/// Questions about <see cref="SyntheticPerson"/> with the answer each must give: the template, words the
/// answer must and must not contain, and the records it must cite. The start of the evaluation's table
/// of template questions (docs/cortex.md, "Answers").
/// </summary>
public static class AnswerCases
{
    public sealed record AnswerCase(string Question, string Template, string[] Contains, string[] Cites, string[]? Excludes = null)
    {
        public override string ToString() => Question;
    }

    private static readonly string[] Third = [
        VisitId("ChIJadlon", At(2019, 5, 2, 23, 30)), VisitId("ChIJmuseum", At(2019, 5, 3, 8, 0)), VisitId("ChIJeinstein", At(2019, 5, 3, 11, 0))];

    private static readonly string[] ThirdText = ["Hotel Adlon (01:30–09:00)", "Museum Island (10:00–12:30)", "Café Einstein (13:00–14:00)"];

    private static readonly string[] LastWinterTop = [PlayId("Reckoner", At(2020, 2, 28, 22, 15)), PlayId("Digital Love", At(2020, 2, 10, 10, 0))];

    private static readonly string[] WroteTo = ["1. Alice Martin <alice@example.org> (3 e-mails)", "2. bob@example.org (2 e-mails)", "Discord channel 111 (2 messages)"];

    public static IReadOnlyList<AnswerCase> All { get; } =
    [
        new("Where was I on 3 May 2019?", "where_was_i", ThirdText, Third, ["Berghain"]),
        new("Wo war ich am 3. Mai 2019?", "where_was_i", ThirdText, Third, ["Berghain"]),
        new("Où étais-je le 3 mai 2019 ?", "where_was_i", ThirdText, Third, ["Berghain"]),
        new("Where was I at 11:30 on 3 May 2019?", "where_was_i", ["Museum Island (10:00–12:30)"], [VisitId("ChIJmuseum", At(2019, 5, 3, 8, 0))]),
        new("Where was I on 10 June 2019?", "where_was_i", ["No place visits", "7 location fixes from 10:00 to 12:00"], ["2019-06-10T08:00:00.000000Z/524730000/134020000"]),
        new("When did I last listen to Radiohead?", "when_last", ["Fri 28 February 2020 23:15", "Radiohead — Reckoner"], [PlayId("Reckoner", At(2020, 2, 28, 22, 15))]),
        new("When was I last at the Louvre?", "when_last", ["Sat 4 January 2020 10:00"], [VisitId("ChIJlouvre", At(2020, 1, 4, 9, 0))]),
        new("Wann habe ich zuletzt Nina Simone gehört?", "when_last", ["Tue 24 December 2019 18:00"], [PlayId("Sinnerman", At(2019, 12, 24, 17, 0))]),
        new("How many songs did I listen to last winter?", "count", ["9 Spotify plays from 1 December 2019 to 29 February 2020"], [PlayId("Reckoner", At(2020, 2, 28, 22, 15))]),
        new("Wie viele Lieder habe ich letzten Winter gehört?", "count", ["9 Spotify plays"], []),
        new("Combien de chansons ai-je écoutées l'hiver dernier ?", "count", ["9 Spotify plays"], []),
        new("How many songs by Radiohead did I listen to last winter?", "count", ["5 Spotify plays matching \"radiohead\""], [PlayId("Nude", At(2019, 12, 20, 21, 0))]),
        new("How many steps did I take in May 2019?", "count", ["24,000 steps in May 2019", "3 days"], ["google.fit.day:2019-05-01", "google.fit.day:2019-05-31"], ["9,999"]),
        new("How far did I walk in May 2019?", "count", ["16.8 km in May 2019"], ["google.fit.day:2019-05-02"]),
        new("How long did I listen to music last winter?", "count", ["36 minutes", "9 plays"], []),
        new("How many emails did I send in 2019?", "count", ["6 e-mails sent in 2019"], []),
        new("How many times did I visit the Louvre in 2019?", "count", ["2 place visits matching \"louvre\" in 2019"], [VisitId("ChIJlouvre", At(2019, 8, 12, 9, 0))]),
        new("Top 3 artists last winter", "top", ["1. Radiohead (5 plays), 2. Daft Punk (3 plays), 3. Nina Simone (1 plays)"], LastWinterTop),
        new("Meine Top 2 Künstler im letzten Winter", "top", ["1. Radiohead (5 plays), 2. Daft Punk (3 plays)"], LastWinterTop, ["Nina"]),
        new("Quels artistes ai-je le plus écoutés l'hiver dernier ?", "top", ["1. Radiohead (5 plays)"], LastWinterTop),
        new("What are my top 2 YouTube channels in 2019?", "top", ["1. Baking With Anna (2 videos watched), 2. Chef Marco (1 videos watched)"], []),
        new("Top 2 websites in May 2019", "top", ["1. en.wikipedia.org (2 page visits), 2. example.com (1 page visits)"], []),
        new("Top places in 2019", "top", ["1. Louvre Museum (2 visits)"], [VisitId("ChIJlouvre", At(2019, 8, 12, 9, 0))]),
        new("What did I watch about baking?", "about_topic", ["2 matches for \"baking\"", "Easy bread baking at home", "Sourdough starter explained"], [], ["pasta"]),
        new("Was habe ich über Pasta gesucht?", "about_topic", ["1 match for \"pasta\"", "Searched for pasta recipes"], []),
        new("Qu'est-ce que j'ai regardé sur le sourdough ?", "about_topic", ["1 match for \"sourdough\""], []),
        new("Who did I write to most?", "wrote_most", WroteTo, [], ["dave"]),
        new("Wem habe ich am meisten geschrieben?", "wrote_most", WroteTo, [], ["dave"]),
        new("À qui ai-je le plus écrit ?", "wrote_most", WroteTo, [], ["dave"]),
    ];

    public static TheoryData<AnswerCase> Cases() => [.. All];
}
