using Npgsql;
using Reasonable.Api.Data;
using Reasonable.Crypto;
using Reasonable.Tests.Support;

namespace Reasonable.Tests.Data;

[Collection(PostgresTests.Name)]
public sealed class UserRepositoryTests
{
    private static readonly MasterKeyRing Ring = new([MasterKey.Generate()]);
    private readonly NpgsqlDataSource dataSource;
    private readonly UserRepository users;
    private readonly UserKeyRepository userKeys;

    public UserRepositoryTests(PostgresServer postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var connectionString = postgres.CreateDatabase();
        DatabaseMigrator.Migrate(connectionString);
        DapperSetup.Apply();
        dataSource = NpgsqlDataSource.Create(connectionString);
        users = new UserRepository(dataSource);
        userKeys = new UserKeyRepository(dataSource);
    }

    [Fact]
    public async Task CreatedUser_IsFoundByLookupHash_WithTokensThatStillDecrypt()
    {
        var (user, _, _) = await CreateUserAsync("6253282");

        var found = await users.FindByLookupHashAsync(UserLookup.Candidates(Ring, "x", null, "6253282"), default);

        Assert.NotNull(found);
        Assert.Equal(user.Id, found.Id);
        Assert.Equal("access-token-6253282", System.Text.Encoding.UTF8.GetString(
            Ring.Decrypt(ServerSubkey.OAuthToken, found.OauthTokenCiphertext!, TokenBinding(user.Id))));
        Assert.Null(await users.FindByLookupHashAsync(UserLookup.Candidates(Ring, "x", null, "someone-else"), default));
    }

    [Fact]
    public async Task UserKeyRotation_StagesPendingWraps_ThenSwapsThem_AndStoredValuesStayReadable()
    {
        var (user, oldUserKey, dataKey) = await CreateUserAsync("1001");
        var location = new FieldLocation("reasons", "text_ciphertext", Guid.NewGuid());
        Ciphertext stored;
        using (var ring = new UserKeyRing(user.Id, [new DataKey(dataKey.Version, (byte[])dataKey.Key.Clone())]))
        {
            stored = ring.Encrypt(location, "a note written before rotation");
        }

        using var newUserKey = UserKey.Generate(2);
        var wraps = (await users.DataKeysAsync(user.Id, default))
            .Select(row => (row.Version, DataKey.Unwrap(oldUserKey, user.Id, (uint)row.Version, row.WrappedKeyCiphertext).Wrap(newUserKey, user.Id)))
            .ToList();

        Assert.True(await userKeys.StageRotationAsync(user.Id, 1, 2, wraps, DateTimeOffset.UtcNow, default));
        var staged = Assert.Single(await users.DataKeysAsync(user.Id, default));
        Assert.NotNull(staged.PendingWrappedKeyCiphertext);
        DataKey.Unwrap(oldUserKey, user.Id, 1, staged.WrappedKeyCiphertext).Dispose();
        Assert.Equal(2, (await users.FindAsync(user.Id, default))!.PendingUserKeyVersion);
        Assert.False(await userKeys.StageRotationAsync(user.Id, 5, 6, wraps, DateTimeOffset.UtcNow, default));
        Assert.False(await userKeys.StageRotationAsync(user.Id, 1, 2, [], DateTimeOffset.UtcNow, default));

        Assert.True(await userKeys.FinishRotationAsync(user.Id, 2, null, DateTimeOffset.UtcNow, default));
        Assert.False(await userKeys.FinishRotationAsync(user.Id, 2, null, DateTimeOffset.UtcNow, default));

        var keys = (await users.DataKeysAsync(user.Id, default))
            .Select(row => DataKey.Unwrap(newUserKey, user.Id, (uint)row.Version, row.WrappedKeyCiphertext));
        using var after = new UserKeyRing(user.Id, keys);
        Assert.Equal("a note written before rotation", after.DecryptString(location, stored));
        var row = await users.FindAsync(user.Id, default);
        Assert.Equal(2, row!.UserKeyVersion);
        Assert.Null(row.PendingUserKeyVersion);
        var swapped = (await users.DataKeysAsync(user.Id, default))[0];
        Assert.Null(swapped.PendingWrappedKeyCiphertext);
        Assert.Throws<CiphertextException>(() => DataKey.Unwrap(oldUserKey, user.Id, 1, swapped.WrappedKeyCiphertext));
    }

    [Fact]
    public async Task Create_WritesNothing_WhenTheDataKeyInsertFails()
    {
        var (user, _, _) = await CreateUserAsync("2002");
        var duplicate = user with { Id = Guid.NewGuid(), LookupHash = UserLookup.Hash(Ring, Ring.PrimaryKeyId, "x", null, "2003") };
        var badKey = new DataKeyRow { UserId = Guid.NewGuid(), Version = 1, WrappedKeyCiphertext = new Ciphertext(new byte[45]), CreatedAt = DateTimeOffset.UtcNow };

        await Assert.ThrowsAsync<PostgresException>(() => users.CreateAsync(duplicate, badKey, default));

        Assert.Null(await users.FindAsync(duplicate.Id, default));
    }

    private async Task<(UserRow User, UserKey UserKey, DataKey DataKey)> CreateUserAsync(string providerUserId)
    {
        var now = DateTimeOffset.UtcNow;
        var id = Guid.NewGuid();
        var userKey = UserKey.Generate(1);
        var dataKey = DataKey.Generate(1);
        var user = new UserRow
        {
            Id = id,
            Provider = "x",
            LookupHash = UserLookup.Hash(Ring, Ring.PrimaryKeyId, "x", null, providerUserId),
            LookupKeyId = Ring.PrimaryKeyId,
            OauthTokenCiphertext = Ring.Encrypt(ServerSubkey.OAuthToken, System.Text.Encoding.UTF8.GetBytes($"access-token-{providerUserId}"), TokenBinding(id)),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var dataKeyRow = new DataKeyRow { UserId = id, Version = 1, WrappedKeyCiphertext = dataKey.Wrap(userKey, id), CreatedAt = now };
        await users.CreateAsync(user, dataKeyRow, default);
        return (user, userKey, dataKey);
    }

    private static AssociatedData TokenBinding(Guid userId) => AssociatedData.For("reasonable/oauth-token/v1").Add(userId).Add("x");
}
