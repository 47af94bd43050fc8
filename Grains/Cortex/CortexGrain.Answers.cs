using Datapunk.Cortex.Answers;
using Datapunk.Cortex.Answers.LanguageModel;
using Datapunk.Users.Accounts;
using Datapunk.Users.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Datapunk.Grains;

/// <summary>Answers for this grain's own user: their profile gives the time zone and address, their secrets the chat key,
/// their choice for the configured model server whether what is sent to it is masked.</summary>
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
        var masks = !chat.IsConfigured || await ServiceProvider.GetRequiredService<ModelServerMasking>().MasksAsync(userId, chat.Endpoint!, CancellationToken.None);
        var context = new AskContext(userId, question, profile?.TimeZone, ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), profile?.Email, key, masks);
        return await ServiceProvider.GetRequiredService<CortexAnswers>().AskAsync(context, CancellationToken.None);
    }

    public async Task<IReadOnlyList<ModelServerPrivacy>> GetModelServersAsync()
    {
        var chat = ServiceProvider.GetRequiredService<ChatModelSettings>();
        if (!chat.IsConfigured)
        {
            return [];
        }

        var masks = await ServiceProvider.GetRequiredService<ModelServerMasking>().MasksAsync(this.GetPrimaryKeyString(), chat.Endpoint!, CancellationToken.None);
        return [new ModelServerPrivacy(chat.Endpoint!.AbsoluteUri, chat.Model!, masks)];
    }

    public async Task<ModelServerPrivacy?> SetModelServerMaskingAsync(string endpoint, bool maskPii)
    {
        var chat = ServiceProvider.GetRequiredService<ChatModelSettings>();
        if (!chat.IsConfigured || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.AbsoluteUri != chat.Endpoint!.AbsoluteUri)
        {
            return null;
        }

        await ServiceProvider.GetRequiredService<ModelServerMasking>().SetAsync(this.GetPrimaryKeyString(), chat.Endpoint, maskPii, CancellationToken.None);
        return new ModelServerPrivacy(chat.Endpoint.AbsoluteUri, chat.Model!, maskPii);
    }
}
