using System.Globalization;

namespace Reasonable.Sandbox.Mastodon.Accounts;

/// <summary>
/// How account ids are made: <c>109…</c> plus the home instance's position, then either a named account's number
/// (1, 2, …) or <see cref="SyntheticOffset"/> + n for synthetic account n. Synthetic accounts exist only when asked
/// for, so 50,000 blocks cost nothing at start-up.
/// </summary>
public static class AccountIds
{
    public const long Base = 109_000_000_000_000_000;
    public const long InstanceStride = 1_000_000_000_000;
    public const long SyntheticOffset = 1_000_000;
    public const int SyntheticCount = 1_000_000;

    public static string Named(int instance, int number) => Format(Base + (instance * InstanceStride) + number);

    public static string Synthetic(int instance, int n) => Format(Base + (instance * InstanceStride) + SyntheticOffset + n);

    /// <summary>Splits an id into its instance and its number on that instance; false for anything not made here.</summary>
    public static bool TryParse(string? id, out int instance, out long number)
    {
        instance = 0;
        number = 0;
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < Base
            || Format(value) != id)
        {
            return false;
        }

        instance = (int)((value - Base) / InstanceStride);
        number = (value - Base) % InstanceStride;
        return number > 0 && number < SyntheticOffset + SyntheticCount;
    }

    public static string SyntheticUsername(long n) => "user" + n.ToString("D6", CultureInfo.InvariantCulture);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
