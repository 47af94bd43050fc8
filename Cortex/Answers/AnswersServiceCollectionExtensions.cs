using Datapunk.Cortex.Answers.Fallback;
using Datapunk.Cortex.Answers.LanguageModel;
using Datapunk.Cortex.Answers.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Cortex.Answers;

public static class AnswersServiceCollectionExtensions
{
    /// <summary>
    /// Answers (docs/cortex.md, "Answers"): question templates, the search fallback, and the chat model
    /// under <c>Cortex:Chat</c> when one is configured. Needs the Lake's readers (<c>AddLake</c>) and
    /// hybrid search (<c>AddCortexSearch</c>), which <c>AddCortex</c> adds beside it.
    /// </summary>
    public static IServiceCollection AddCortexAnswers(this IServiceCollection services, IConfiguration configuration)
    {
        var chat = ChatModelSettings.From(configuration);
        services.AddSingleton(chat);
        services.AddHttpClient(ModelAnswerer.HttpClientName, http => http.Timeout = chat.Timeout);
        services.AddSingleton<TemplateAnswerer>();
        services.AddSingleton<IAnswerRecordSearch, HybridAnswerSearch>();
        services.AddSingleton<AnswerToolReaders>();
        services.AddSingleton<ModelAnswerer>();
        services.AddSingleton<ModelServerMasking>();
        services.AddSingleton<SqlFromQuestion>();
        services.AddSingleton<CortexAnswers>();
        return services;
    }
}
