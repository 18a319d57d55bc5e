using System.Globalization;
using System.Numerics;

namespace AiFactories.Bot.Discord.Interactions;

/// <summary>Discord's permission bits, as the interaction's <c>member.permissions</c> string carries them.</summary>
public static class Permissions
{
    public const ulong Administrator = 1UL << 3;

    public const ulong ManageGuild = 1UL << 5;

    /// <summary>Whether a permission bit set (a decimal string, possibly wider than 64 bits) holds any of the bits.</summary>
    public static bool HasAny(string? bits, ulong wanted) =>
        bits is { Length: > 0 and <= 40 }
        && BigInteger.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && !(value & wanted).IsZero;
}

/// <summary>Where a command can be installed and used (application command <c>integration_types</c> and <c>contexts</c>).</summary>
public static class CommandScopes
{
    /// <summary>Installed in a server, or by a user to use anywhere.</summary>
    public static IReadOnlyList<int> AnyInstall { get; } = [0, 1];

    /// <summary>Installed in a server only.</summary>
    public static IReadOnlyList<int> ServerInstall { get; } = [0];

    /// <summary>In servers, in the bot's DMs and in group DMs and other private channels.</summary>
    public static IReadOnlyList<int> Anywhere { get; } = [0, 1, 2];

    /// <summary>In servers only.</summary>
    public static IReadOnlyList<int> ServersOnly { get; } = [0];
}
