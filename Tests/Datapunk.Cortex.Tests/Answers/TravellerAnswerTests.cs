using Datapunk.Cortex.Tests.Places;
using Datapunk.Lake;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>"On 3 May" in an answer is 3 May on the clock where the user was, whatever zone the profile names.</summary>
public sealed class TravellerAnswerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_traveller_s_day_in_New_York_is_New_York_s_day_though_the_profile_says_Berlin()
    {
        var (lat, lng) = TravellerData.NewYork;
        var traveller = await TravellerData.CreateAsync("answers-traveller", data => data
            .Stay(TravellerData.Utc(2024, 5, 1), TravellerData.Utc(2024, 5, 7), lat, lng, TimeSpan.FromHours(1))
            // 23:00 on 2 May in New York, but 05:00 on 3 May in Berlin.
            .Record(RecordKind.PlaceVisit, "visit-katz", TravellerData.Utc(2024, 5, 3, 3), "Katz's Delicatessen", (lat, lng))
            // 22:00 on 3 May in New York, but 04:00 on 4 May in Berlin.
            .Record(RecordKind.PlaceVisit, "visit-joes", TravellerData.Utc(2024, 5, 4, 2), "Joe's Pizza", (lat, lng)));
        await traveller.RunPassAsync();

        var answer = await AnswersEngine.NoModel().AskAsync(
            TemplateAnswerTests.Context(traveller.UserId, "Where was I on 3 May 2024?") with { TimeZone = "Europe/Berlin" }, Cancellation);

        answer.How.Template.ShouldBe("where_was_i");
        answer.Answer.ShouldContain("Joe's Pizza", customMessage: answer.Answer);
        answer.Answer.ShouldNotContain("Katz", customMessage: answer.Answer);
        answer.Answer.ShouldContain("(local time)", customMessage: "the answer does not call New York's clock Berlin's");
        answer.Citations.Single().LocalTime!.Value.Offset.ShouldBe(TimeSpan.FromHours(-4));
    }
}
