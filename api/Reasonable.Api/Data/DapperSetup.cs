using Dapper;

namespace Reasonable.Api.Data;

/// <summary>Dapper's process-wide settings, in one place: snake_case columns and the ciphertext column type.</summary>
public static class DapperSetup
{
    private static int applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref applied, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new CiphertextTypeHandler());
    }
}
