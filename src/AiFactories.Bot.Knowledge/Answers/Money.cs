using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFactories.Bot.Knowledge.Answers;

/// <summary>Reads the first amount of money in a text ("EUR 58.9 million", "about EUR 1.5 billion") as euros, to compare budgets.</summary>
internal static partial class Money
{
    public static double? Euros(string text)
    {
        var match = AmountPattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["number"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return match.Groups["scale"].Value.ToLowerInvariant() switch
        {
            "billion" or "bn" => number * 1e9,
            "million" => number * 1e6,
            _ => number,
        };
    }

    [GeneratedRegex(@"(EUR|€)\s*(?<number>\d[\d,]*(\.\d+)?)\s*(?<scale>billion|million|bn)?", RegexOptions.IgnoreCase)]
    private static partial Regex AmountPattern();
}
