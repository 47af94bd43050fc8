using Datapunk.Cortex.Answers;
using Datapunk.Cortex.Answers.LanguageModel;
using Datapunk.Users.Accounts;
using Datapunk.Users.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>Answers for this grain's own user: their profile gives the time zone and address, their secrets the chat key.</summary>
public sealed partial class CortexGrain : ICortexAnswers
{
    public async Task<CortexAnswer> AskAsync(string question)
    {
        var userId = this.GetPrimaryKeyString();
        var profile = await ServiceProvider.GetRequiredService<ProfileTable>().FindAsync(userId, CancellationToken.None);
        var chat = ServiceProvider.GetRequiredService<ChatModelSettings>();
        var key = chat.IsConfigured
            ? await ServiceProvider.GetRequiredService<SecretStore>().GetAsync(userId, ChatModelSettings.ApiKeySecret, CancellationToken.None)
            : null;
        var context = new AskContext(userId, question, profile?.TimeZone, ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), profile?.Email, key);
        return await ServiceProvider.GetRequiredService<CortexAnswers>().AskAsync(context, CancellationToken.None);
    }
}
