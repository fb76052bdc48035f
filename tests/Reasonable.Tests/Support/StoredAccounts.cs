using Npgsql;
using Reasonable.Api.Accounts;
using Reasonable.Api.Data;

namespace Reasonable.Tests.Support;

/// <summary>
/// Stores an account exactly as sync would, sealed with the keys inside a user's token: for relations and histories
/// a test cannot make through the API without a whole sync.
/// </summary>
public static class StoredAccounts
{
    public static async Task InsertAsync(SignInServers servers, string token, AccountDocument document, DateTimeOffset lastActivityAt)
    {
        using var keys = UserKeys.FromToken(servers.MasterKeys, token);
        var row = AccountCipher.Seal(keys, Guid.NewGuid(), document, lastActivityAt, lastActivityAt, lastActivityAt);
        DapperSetup.Apply();
        await using var dataSource = NpgsqlDataSource.Create(servers.ConnectionString);
        Assert.True(await new AccountRepository(dataSource).CreateAsync(row, CancellationToken.None), "the account should be new for this user");
    }
}
