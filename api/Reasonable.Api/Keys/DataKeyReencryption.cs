using System.Collections.Concurrent;
using System.Security.Cryptography;
using Reasonable.Crypto;

namespace Reasonable.Api.Keys;

/// <summary>
/// Rewrites a user's values under their newest data key after a data-key rotation, in the background of this
/// process. It never stores a key: it runs on a copy of the keys of the user's own request, held in memory only, and
/// stops when the process does. Its progress is a cursor in <c>data_key_rotations</c>, so the next authenticated
/// request of the user (which brings the keys again, <see cref="SessionDataKeys"/>) resumes where it stopped, on
/// whichever node serves it; a PostgreSQL advisory lock keeps two processes from running the same user at once.
/// Each value is rewritten in its own statement, only if it still holds what was read, so a concurrent edit wins.
/// </summary>
public sealed class DataKeyReencryption(
    DataKeyRotationRepository rotations, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DataKeyReencryption> logger)
{
    /// <summary>Values read and rewritten per round trip for the cursor.</summary>
    public const int BatchSize = 100;

    private readonly ConcurrentDictionary<Guid, byte> running = new();

    /// <summary>
    /// Starts re-encrypting the user's values with a copy of <paramref name="keys"/>, unless this process already does.
    /// The keys must hold the rotation's new version; the copy is zeroed when the run ends.
    /// </summary>
    public void EnsureRunning(UserKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!running.TryAdd(keys.UserId, 0))
        {
            return;
        }

        var copy = keys.Copy();
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(copy, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogInformation("Re-encryption of user {UserId}'s values paused by shutdown; their next request resumes it.", copy.UserId);
            }
#pragma warning disable CA1031 // nothing awaits this task: whatever stops it is logged here (its type only, never values), and the next request resumes
            catch (Exception exception)
            {
                logger.LogWarning("Re-encryption of user {UserId}'s values stopped ({Error}); their next request resumes it.", copy.UserId, exception.GetType().Name);
            }
#pragma warning restore CA1031
            finally
            {
                copy.Dispose();
                running.TryRemove(copy.UserId, out _);
            }
        });
    }

    private async Task RunAsync(UserKeyRing keys, CancellationToken cancellationToken)
    {
        var userId = keys.UserId;
        await using var held = await rotations.TryLockAsync(userId, cancellationToken);
        if (held is null)
        {
            return; // another process or run holds it
        }

        var rotation = await rotations.FindAsync(userId, cancellationToken);
        if (rotation is null || rotation.FinishedAt is not null || keys.PrimaryVersion != (uint)rotation.ToVersion)
        {
            return;
        }

        var (stage, cursor, sweep) = (rotation.Stage, rotation.Cursor, rotation.Sweep);
        while (true)
        {
            if (stage >= ReencryptedColumn.All.Count)
            {
                if (sweep > 0)
                {
                    await rotations.FinishAsync(userId, rotation.ToVersion, time.GetUtcNow(), cancellationToken);
                    logger.LogInformation("User {UserId}'s values are all under data key version {Version}.", userId, rotation.ToVersion);
                    return;
                }

                // One more pass catches values that requests begun before the rotation wrote under the old key.
                (stage, cursor, sweep) = (0, null, 1);
            }

            var column = ReencryptedColumn.All[stage];
            var batch = await rotations.BatchAsync(column, userId, cursor, rotation.ToVersion, BatchSize, cancellationToken);
            var (rewritten, unreadable) = (0L, 0L);
            foreach (var (id, ciphertext) in batch)
            {
                switch (await RewriteAsync(keys, column, id, ciphertext, cancellationToken))
                {
                    case true:
                        rewritten++;
                        break;
                    case null:
                        unreadable += sweep == 0 ? 1 : 0; // counted once, on the first pass
                        break;
                }
            }

            (stage, cursor) = batch.Count == 0 ? (stage + 1, (Guid?)null) : (stage, batch[^1].Id);
            if (!await rotations.AdvanceAsync(userId, rotation.ToVersion, stage, cursor, sweep, rewritten, unreadable, cancellationToken))
            {
                return; // the user was deleted
            }
        }
    }

    /// <summary>True when rewritten; false when a concurrent write replaced it first; null when it does not open (left as it is).</summary>
    private async Task<bool?> RewriteAsync(UserKeyRing keys, ReencryptedColumn column, Guid id, Ciphertext ciphertext, CancellationToken cancellationToken)
    {
        var location = column.Location(id);
        byte[] plaintext;
        try
        {
            plaintext = keys.Decrypt(location, ciphertext);
        }
        catch (CiphertextException)
        {
            return null;
        }

        try
        {
            return await rotations.RewriteAsync(column, keys.UserId, id, ciphertext, keys.Encrypt(location, plaintext), cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
