using MarginBot.Conversations.Chat;
using MarginBot.Conversations.Market;
using MarginBot.Engine.Tiers;

namespace MarginBot.Telegram;

/// <summary>
/// Holds the one <see cref="Dispatcher"/>, created once the bot's username is known (getMe), so that
/// <c>/cmd@ThatName</c> is understood and commands for other bots are ignored.
/// </summary>
internal sealed class ConversationEngine(ConversationStores stores, TierCatalog catalog, TimeProvider clock, ConversationOptions options, IMarketData market)
{
    private Dispatcher? _dispatcher;

    public Dispatcher Dispatcher => _dispatcher ?? throw new InvalidOperationException("The conversation engine starts after getMe answered.");

    // Redeliveries are caught by update id (UpdateHandler), in the transaction that applies the update.
    public void Start(string botName) =>
        _dispatcher = new Dispatcher(stores, catalog, clock, options with { BotName = botName, DeduplicateMessages = false }, market);
}
