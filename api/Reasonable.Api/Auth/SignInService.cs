using System.Security.Cryptography;
using System.Text;
using Reasonable.Api.Data;
using Reasonable.Api.Providers;
using Reasonable.Crypto;

namespace Reasonable.Api.Auth;

/// <summary>
/// Sign-in from start to token: send the browser to the provider, take its callback, find or create the user and
/// their key list, and hand the web app a one-time code it trades for a bearer token. Provider failures surface as
/// <see cref="ProviderException"/>; nothing is written for a user until their key list is in place.
/// </summary>
public sealed class SignInService(
    UserRepository users,
    SignInRepository signIns,
    SessionRepository sessions,
    SessionIssuer issuer,
    KeyListService keyLists,
    MasterKeyRing ring,
    AuthOptions options,
    TimeProvider time,
    ILogger<SignInService> logger)
{
    /// <summary>
    /// Starts a sign-in (at <paramref name="instance"/>, normalised, where the provider has instances); the browser
    /// secret goes into a cookie that the callback must bring back.
    /// </summary>
    public async Task<(Uri AuthorizeUrl, string BrowserSecret)> BeginAsync(ISocialProvider provider, string? instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var challenge = await provider.BeginSignInAsync(instance, options.CallbackUrl(provider.Name), cancellationToken);
        var id = Guid.NewGuid();
        var now = time.GetUtcNow();
        var browserSecret = OneTimeCode.Generate();
        await signIns.AddRequestAsync(
            new SignInRequestRow
            {
                Id = id,
                Provider = provider.Name,
                StateHash = SignInState.Hash(ring, provider.Name, challenge.State),
                BrowserHash = OneTimeCode.LookupHash(browserSecret)!,
                SecretCiphertext = ProviderSecret.Seal(ring, RequestSecretLocation(id), challenge.Secret),
                CreatedAt = now,
                ExpiresAt = now + options.SignInRequestLifetime,
            },
            cancellationToken);
        return (challenge.AuthorizeUrl, browserSecret);
    }

    public async Task<SignInResult> CompleteAsync(
        ISocialProvider provider, IReadOnlyDictionary<string, string?> query, string? browserSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var callback = provider.ReadCallback(query);
        if (callback.State is null || (!callback.Denied && callback.Verifier is null))
        {
            return SignInResult.Failed(SignInFailure.NotACallback);
        }

        // Only the browser that started the sign-in can use (and so end) it: a callback that arrives elsewhere, a
        // stranger's copy of the link, leaves the pending row for the right browser.
        var request = await signIns.FindRequestAsync(SignInState.Hash(ring, provider.Name, callback.State), cancellationToken);
        if (request is null || request.Provider != provider.Name)
        {
            return SignInResult.Failed(SignInFailure.Unknown);
        }

        if (request.ExpiresAt <= time.GetUtcNow())
        {
            return SignInResult.Failed(SignInFailure.Expired);
        }

        var browserHash = OneTimeCode.LookupHash(browserSecret);
        if (browserHash is null || !CryptographicOperations.FixedTimeEquals(browserHash, request.BrowserHash))
        {
            return SignInResult.Failed(SignInFailure.OtherBrowser);
        }

        // Taken (deleted) before the provider is asked, so the link works once whatever happens next.
        if (!await signIns.TakeRequestAsync(request.Id, cancellationToken))
        {
            return SignInResult.Failed(SignInFailure.Unknown);
        }

        if (callback.Denied)
        {
            return SignInResult.Failed(SignInFailure.Denied);
        }

        var secret = ProviderSecret.Open(ring, RequestSecretLocation(request.Id), request.SecretCiphertext);
        SignedInAccount signedIn;
        try
        {
            signedIn = await provider.CompleteSignInAsync(callback.State, secret, callback.Verifier!, options.CallbackUrl(provider.Name), cancellationToken);
        }
        catch (ProviderException exception) when (exception.Failure is ProviderFailure.Revoked or ProviderFailure.Rejected)
        {
            // The provider refuses the verifier (or code): the link was altered or forged, not access taken back.
            return SignInResult.Failed(SignInFailure.Refused);
        }

        var (userId, dataKeys) = await SignInUserAsync(provider, signedIn, cancellationToken);
        try
        {
            return SignInResult.Succeeded(await CreateCodeAsync(userId, dataKeys, cancellationToken));
        }
        finally
        {
            dataKeys?.ForEach(key => key.Dispose());
        }
    }

    /// <summary>
    /// Trades a one-time code for a bearer token; null when the code is unknown, used or expired. The session records
    /// the caller's User-Agent (sealed); <paramref name="lifetime"/> ("keep me signed in") replaces the session's
    /// lifetime, counted from its start.
    /// </summary>
    public async Task<IssuedToken?> ExchangeAsync(string code, string? userAgent, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var codeHash = OneTimeCode.LookupHash(code);
        if (codeHash is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var row = await signIns.TakeCodeAsync(codeHash, now, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var session = await sessions.FindAsync(row.SessionId, cancellationToken);
        if (session is null || !session.IsLiveAt(now))
        {
            return null;
        }

        var wrappedKeys = Encoding.UTF8.GetString(OneTimeCode.Open(code, row.KeysCiphertext));
        session = session with
        {
            ExpiresAt = lifetime is { } longer ? session.CreatedAt + longer : session.ExpiresAt,
            UserAgentCiphertext = SessionDevice.Seal(ring, session.Id, userAgent),
        };
        if (!await sessions.RecordExchangeAsync(session.Id, session.UserAgentCiphertext, session.ExpiresAt, now, cancellationToken))
        {
            return null;
        }

        return issuer.Token(session, wrappedKeys.Length == 0 ? null : wrappedKeys);
    }

    private async Task<(Guid UserId, List<DataKey>? DataKeys)> SignInUserAsync(ISocialProvider provider, SignedInAccount signedIn, CancellationToken cancellationToken)
    {
        var account = signedIn.Account;
        var lookupHash = StoredProviderAccess.LookupHash(ring, provider.Name, account);
        await using var signInLock = await users.LockSignInAsync(lookupHash, cancellationToken);
        var user = await users.FindByLookupHashAsync(UserLookup.Candidates(ring, provider.Name, account.Instance, account.Id), cancellationToken);
        return user is null
            ? await CreateUserAsync(provider, signedIn, lookupHash, cancellationToken)
            : (user.Id, await SignInReturningUserAsync(provider, signedIn, user, cancellationToken));
    }

    private async Task<(Guid UserId, List<DataKey>? DataKeys)> CreateUserAsync(
        ISocialProvider provider, SignedInAccount signedIn, byte[] lookupHash, CancellationToken cancellationToken)
    {
        var userId = Guid.NewGuid();
        var now = time.GetUtcNow();
        using var userKey = UserKey.Generate(1);
        var dataKey = DataKey.Generate(1);
        // A list left by an earlier, deleted Reasonable account holds nothing this user can still read: reuse it.
        var leftover = await provider.ReadKeySlotAsync(signedIn.Access, cancellationToken);
        var listId = await keyLists.WriteAsync(provider, signedIn.Access, signedIn.Account, userKey, leftover?.Id, cancellationToken);
        var sealedAccess = StoredProviderAccess.Seal(ring, userId, signedIn);
        using var keyRing = new UserKeyRing(userId, [new DataKey(dataKey.Version, (byte[])dataKey.Key.Clone())]);
        var user = new UserRow
        {
            Id = userId,
            Provider = provider.Name,
            LookupHash = lookupHash,
            LookupKeyId = ring.PrimaryKeyId,
            ProviderUserIdCiphertext = sealedAccess.ProviderUserId,
            ProviderInstanceCiphertext = sealedAccess.Instance,
            ProviderAccessCiphertext = sealedAccess.Access,
            HandleCiphertext = keyRing.Encrypt(HandleLocation(userId), signedIn.Handle),
            UserKeyVersion = (int)userKey.Version,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await users.CreateAsync(user, new DataKeyRow { UserId = userId, Version = (int)dataKey.Version, WrappedKeyCiphertext = dataKey.Wrap(userKey, userId), CreatedAt = now }, cancellationToken);
        }
        catch
        {
            if (leftover is null)
            {
                await DeleteListQuietlyAsync(provider, signedIn.Access, listId);
            }

            dataKey.Dispose();
            throw;
        }

        logger.LogInformation("New user {UserId} signed in with {Provider}; key list created.", userId, provider.Name);
        return (userId, [dataKey]);
    }

    private async Task<List<DataKey>?> SignInReturningUserAsync(ISocialProvider provider, SignedInAccount signedIn, UserRow user, CancellationToken cancellationToken)
    {
        // Opens the pending wraps too when an interrupted rotation left the list holding the next user key.
        using var opening = await keyLists.OpenAsync(provider, signedIn.Access, signedIn.Account, user, cancellationToken);
        var status = opening.Status;
        var now = time.GetUtcNow();
        await users.RecordSignInAsync(user.Id, StoredProviderAccess.Seal(ring, user.Id, signedIn), status, now, cancellationToken);
        if (opening.DataKeys is not { } dataKeys)
        {
            logger.LogWarning("User {UserId} signed in but their key list is {KeyStatus}.", user.Id, status);
            return null;
        }

        using var keyRing = new UserKeyRing(user.Id, CopyOf(dataKeys));
        await users.SetHandleAsync(user.Id, keyRing.Encrypt(HandleLocation(user.Id), signedIn.Handle), now, cancellationToken);
        return CopyOf(dataKeys);
    }

    private async Task<string> CreateCodeAsync(Guid userId, List<DataKey>? dataKeys, CancellationToken cancellationToken)
    {
        var session = await issuer.CreateAsync(userId, SessionRow.Browser, options.BrowserSessionLifetime, cancellationToken);
        var code = OneTimeCode.Generate();
        var wrappedKeys = await issuer.WrapKeysAsync(session, dataKeys, cancellationToken) ?? string.Empty;
        var now = time.GetUtcNow();
        await signIns.AddCodeAsync(
            new SignInCodeRow
            {
                CodeHash = OneTimeCode.LookupHash(code)!,
                SessionId = session.Id,
                KeysCiphertext = OneTimeCode.Seal(code, Encoding.UTF8.GetBytes(wrappedKeys)),
                ExpiresAt = now + options.SignInCodeLifetime,
            },
            now,
            cancellationToken);
        return code;
    }

    private async Task DeleteListQuietlyAsync(ISocialProvider provider, ProviderAccess access, string listId)
    {
        try
        {
            await provider.DeleteKeySlotAsync(access, listId, CancellationToken.None);
        }
        catch (ProviderException exception)
        {
            logger.LogWarning("Could not remove a key list after a failed first sign-in: {Failure}.", exception.Failure);
        }
    }

    private static List<DataKey> CopyOf(List<DataKey> keys) => [.. keys.Select(key => new DataKey(key.Version, (byte[])key.Key.Clone()))];

    public static FieldLocation HandleLocation(Guid userId) => new("users", "handle_ciphertext", userId);

    /// <summary>The user's handle, or null when none is stored or it does not open (the next sign-in writes it again).</summary>
    public static string? OpenHandle(UserKeyRing keys, UserRow user)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(user);
        if (user.HandleCiphertext is null)
        {
            return null;
        }

        try
        {
            return keys.DecryptString(HandleLocation(user.Id), user.HandleCiphertext);
        }
        catch (CiphertextException)
        {
            return null;
        }
    }

    private static FieldLocation RequestSecretLocation(Guid requestId) => new("sign_in_requests", "secret_ciphertext", requestId);
}
