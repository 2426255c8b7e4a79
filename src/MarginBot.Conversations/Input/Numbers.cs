using System.Globalization;

namespace MarginBot.Conversations.Input;

/// <summary>
/// The one tolerant reader of numbers typed by people: <c>60000</c>, <c>60,000</c>, <c>60k</c>,
/// <c>1.5m</c>, <c>$5000</c>, <c>@60000</c>, <c>0.5%</c> (as a percent figure), always with the
/// invariant culture (a comma is a thousands separator only between groups of three digits).
/// Rejects anything a trader would not mean as a plain amount: exponents, hex, NaN, infinity, and
/// anything beyond <see cref="MaxMagnitude"/>.
/// </summary>
public static class Numbers
{
    private const int MaxLength = 40;

    /// <summary>
    /// The largest amount anyone means (a trillion): no price, size or wallet comes near it, and
    /// products of two such numbers, times a percentage, stay inside decimal's range.
    /// </summary>
    public const decimal MaxMagnitude = 1_000_000_000_000m;

    /// <summary>Reads an amount; <c>false</c> when the text is not one.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }

        var s = text.Trim().TrimStart('@', '$').TrimEnd('%').Replace("_", string.Empty, StringComparison.Ordinal);
        var multiplier = 1m;
        if (s.Length > 1)
        {
            switch (char.ToLowerInvariant(s[^1]))
            {
                case 'k':
                    multiplier = 1_000m;
                    s = s[..^1];
                    break;
                case 'm':
                    multiplier = 1_000_000m;
                    s = s[..^1];
                    break;
            }
        }

        if (!IsPlainNumber(s))
        {
            return false;
        }

        if (!decimal.TryParse(s.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        try
        {
            value = parsed * multiplier;
        }
        catch (OverflowException)
        {
            return false;
        }

        if (Math.Abs(value) > MaxMagnitude)
        {
            value = 0m;
            return false;
        }

        // Normalise -0 to 0.
        value = value == 0m ? 0m : value;
        return true;
    }

    /// <summary>Formats an amount for people: invariant, thousands separated, trailing zeros trimmed.</summary>
    public static string Format(decimal value, int decimals = 2) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);

    /// <summary>A price with enough decimals for its size (4 significant decimals below 1, 2 above 100).</summary>
    public static string FormatPrice(decimal price)
    {
        var magnitude = Math.Abs(price);
        var decimals = magnitude >= 1000m ? 2 : magnitude >= 1m ? 4 : 8;
        return Format(price, decimals);
    }

    // Digits with an optional sign, at most one decimal point, and commas only as thousands separators.
    private static bool IsPlainNumber(string s)
    {
        var body = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        if (body.Length == 0)
        {
            return false;
        }

        var point = body.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? body : body[..point];
        var fraction = point < 0 ? string.Empty : body[(point + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || !fraction.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!whole.Contains(',', StringComparison.Ordinal))
        {
            return whole.All(char.IsAsciiDigit);
        }

        var groups = whole.Split(',');
        return groups[0].Length is >= 1 and <= 3
            && groups.All(g => g.All(char.IsAsciiDigit))
            && groups.Skip(1).All(g => g.Length == 3);
    }
}
