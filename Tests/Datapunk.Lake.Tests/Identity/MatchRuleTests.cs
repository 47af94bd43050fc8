using Datapunk.Lake.Model;

namespace Datapunk.Lake.Tests.Identity;

public sealed class MatchRuleTests
{
    [Theory]
    [InlineData("google.location.records", "records.json", "google.location.records", "records.json", MatchRule.Exact)]
    [InlineData("google.location.records", "records.json", null, null, MatchRule.Exact)]
    [InlineData("google.location.records", "location-history.json", "google.location.records", "records.json", MatchRule.CrossFormat)]
    [InlineData("google.location.timeline-android", null, "google.location.semantic", "semantic-iso", MatchRule.CrossFormat)]
    [InlineData("owntracks.recorder", "recorder-tab", "google.location.records", "records.json", MatchRule.CrossSource)]
    [InlineData("spotify.extended-history", null, "spotify.streaming-history", null, MatchRule.CrossFormat)]
    [InlineData("spotify.extended-history", "streaming-history", "spotify.api.recently-played", null, MatchRule.CrossFormat)]
    [InlineData("spotify.api.recently-played", null, "spotify.extended-history", "endsong", MatchRule.CrossFormat)]
    public void A_match_is_named_by_the_formats_and_variants_of_the_two_files(
        string readFormat, string? readVariant, string? storedFormat, string? storedVariant, MatchRule rule) =>
        MatchRules.Between(readFormat, readVariant, storedFormat, storedVariant).ShouldBe(rule);
}
