namespace Datapunk.Lake.Tests.Formats;

/// <summary>
/// Every fixture under Fixtures/&lt;format id&gt;/ must be claimed by exactly that reader, and by no
/// other reader on content: detection by content shape must not be ambiguous between formats.
/// </summary>
public sealed class DetectionMatrixTests
{
    private static readonly FormatReaderRegistry Registry = new();

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*", SearchOption.AllDirectories).Order())
        {
            data.Add(Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Fixtures"), file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_fixture_is_claimed_by_its_reader_only(string fixture)
    {
        var expected = fixture[..fixture.IndexOf('/')];
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        var sample = new EntrySample("Takeout/" + fixture[(fixture.IndexOf('/') + 1)..], bytes.AsMemory(0, Math.Min(bytes.Length, EntrySample.HeadSize)), bytes.Length);

        var chosen = Registry.Choose(sample);
        chosen.ShouldNotBeNull($"no reader claims {fixture}; {expected} should");
        chosen.FormatId.ShouldBe(expected, $"{fixture} should be read by {expected}");
        var rivals = Registry.Readers.Where(r => r.FormatId != expected && r.Detect(sample) >= FormatMatch.ByContent).Select(r => r.FormatId).ToList();
        rivals.ShouldBeEmpty($"{fixture} is also claimed on content by {string.Join(", ", rivals)}");
    }

    [Fact]
    public void Every_reader_has_at_least_one_fixture()
    {
        var covered = Fixtures().Select(row => ((string)row.Data).Split('/')[0]).ToHashSet();
        var uncovered = Registry.Readers.Select(r => r.FormatId).Where(id => !covered.Contains(id)).ToList();
        uncovered.ShouldBeEmpty($"readers without a fixture under Fixtures/<format id>/: {string.Join(", ", uncovered)}");
    }
}
