using Datapunk.Cortex.Answers;
using Datapunk.Cortex.Answers.Fallback;
using Datapunk.Cortex.Answers.LanguageModel;
using Datapunk.Cortex.Answers.Templates;
using Datapunk.Cortex.Places;
using Datapunk.Cortex.Search;
using Datapunk.Lake.Reading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Datapunk.Cortex.Tests.Answers;

/// <summary>The answers engine as the silo builds it, over the test database, with or without a chat endpoint.</summary>
internal static class AnswersEngine
{
    internal static readonly IHttpClientFactory HttpClients = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    public static CortexAnswers NoModel() => Create(new ChatModelSettings(null, null, null, TimeSpan.FromSeconds(30)));

    public static CortexAnswers WithModel(Uri endpoint, string model) => Create(new ChatModelSettings(endpoint, model, null, TimeSpan.FromSeconds(30)));

    private static CortexAnswers Create(ChatModelSettings chat)
    {
        // Logged in as the silos are: a role that owns nothing, row-level security applies.
        var dataSource = CortexDatabase.SiloLoginAsync().GetAwaiter().GetResult();
        var zoneSpans = new LocalZoneSpans(dataSource);
        var placeNames = new PlaceNames(dataSource, new PlacesOptions());
        var templates = new TemplateAnswerer(dataSource, new LocalTimes(zoneSpans));
        var models = SearchEngines.LocalAsync().GetAwaiter().GetResult().Models;
        var search = new HybridAnswerSearch(new HybridSearch(dataSource, models, Options.Create(new SearchSettings())), new RecordsReader(dataSource));
        var readers = new AnswerToolReaders(search, new TimelineReader(dataSource, zoneSpans, placeNames), new DailyStatsReader(dataSource, zoneSpans), new MapPlacesReader(dataSource, placeNames), templates);
        return new CortexAnswers(chat, new ModelAnswerer(chat, HttpClients, readers), templates, search, NullLogger<CortexAnswers>.Instance);
    }
}
