using Datapunk.Lake.Storage;
using Npgsql;

namespace Datapunk.Cortex.Answers.LanguageModel;

/// <summary>
/// A user's choice, per language-model server, of whether personal identifiers are masked in what their
/// questions send it (<see cref="PiiPseudonyms"/>; migration 0039). Without a choice the operator's
/// default applies (<c>Cortex:Chat:MaskPii</c>, on unless set false). Read and written under the user's
/// row-level security.
/// </summary>
public sealed class ModelServerMasking(NpgsqlDataSource dataSource, ChatModelSettings settings)
{
    /// <summary>Whether <paramref name="userId"/>'s questions to <paramref name="endpoint"/> are masked.</summary>
    public async Task<bool> MasksAsync(string userId, Uri endpoint, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT mask_pii FROM user_data.model_server_masking WHERE user_id = $1 AND endpoint = $2", connection, transaction)
        {
            Parameters = { new() { Value = userId }, new() { Value = endpoint.AbsoluteUri } },
        };
        return await command.ExecuteScalarAsync(cancellationToken) is bool choice ? choice : settings.MaskPii;
    }

    /// <summary>Records <paramref name="userId"/>'s choice for <paramref name="endpoint"/>.</summary>
    public async Task SetAsync(string userId, Uri endpoint, bool maskPii, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await UserDataScope.BeginAsync(connection, userId, cancellationToken);
        await using (var command = new NpgsqlCommand("""
            INSERT INTO user_data.model_server_masking (user_id, endpoint, mask_pii) VALUES ($1, $2, $3)
            ON CONFLICT (user_id, endpoint) DO UPDATE SET mask_pii = excluded.mask_pii, updated_at = now()
            """, connection, transaction)
        {
            Parameters = { new() { Value = userId }, new() { Value = endpoint.AbsoluteUri }, new() { Value = maskPii } },
        })
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
