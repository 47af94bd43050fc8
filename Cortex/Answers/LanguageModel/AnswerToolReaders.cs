using Datapunk.Cortex.Answers.Fallback;
using Datapunk.Cortex.Answers.Templates;
using Datapunk.Lake.Reading;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>What the chat model's tools read with: the Lake's readers, the search seam and the templates.</summary>
public sealed record AnswerToolReaders(
    IAnswerRecordSearch Search, TimelineReader Timeline, DailyStatsReader Stats, MapPlacesReader Places, TemplateAnswerer Templates);
