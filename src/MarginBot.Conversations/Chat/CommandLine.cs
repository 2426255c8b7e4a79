namespace MarginBot.Conversations.Chat;

/// <summary>
/// A typed command split into its name and the rest: <c>/liq@MarginBot btc long</c> gives
/// <c>liq</c> and <c>btc long</c>. Commands addressed to another bot are not ours.
/// </summary>
/// <param name="Name">Lower-case name without the slash.</param>
/// <param name="Arguments">The rest of the line, trimmed.</param>
internal sealed record CommandLine(string Name, string Arguments)
{
    /// <summary>
    /// Reads a command. <paramref name="forOtherBot"/> is true when it names another bot; the result
    /// is <c>null</c> for text that is not a command at all.
    /// </summary>
    public static CommandLine? TryRead(string text, string botName, out bool forOtherBot)
    {
        forOtherBot = false;
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('/') || trimmed.Length < 2)
        {
            return null;
        }

        var space = trimmed.IndexOfAny([' ', '\n', '\t']);
        var head = space < 0 ? trimmed[1..] : trimmed[1..space];
        var rest = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        var at = head.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var addressee = head[(at + 1)..];
            head = head[..at];
            if (!string.Equals(addressee, botName, StringComparison.OrdinalIgnoreCase))
            {
                forOtherBot = true;
                return null;
            }
        }

        return head.Length == 0 ? null : new CommandLine(head.ToLowerInvariant(), rest);
    }
}
