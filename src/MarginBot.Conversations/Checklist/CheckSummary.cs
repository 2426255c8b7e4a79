using MarginBot.Conversations.Settings;
using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Costs;
using MarginBot.Engine.Tiers;
using MarginBot.Engine.Warnings;

namespace MarginBot.Conversations.Checklist;

/// <summary>How one checklist item stands.</summary>
internal enum ItemStatus
{
    Done,
    Warning,
    Missing,
    Danger,
}

/// <summary>The article's six checklist items.</summary>
internal enum CheckItem
{
    MarginMode,
    MaxLoss,
    LiquidationPrice,
    FeesAndFunding,
    StopLoss,
    IdleFunds,
}

/// <summary>The summary card's verdict.</summary>
internal enum Verdict
{
    Ready,
    Careful,
    DoNot,
}

/// <summary>One item's status and the figures its sentence needs.</summary>
/// <param name="Item">Which item.</param>
/// <param name="Status">How it stands.</param>
/// <param name="Reason">Why, when the status alone does not say it: <c>wrong-side</c>, <c>beyond-liquidation</c>,
/// <c>near-liquidation</c>, <c>wallet-short</c>, <c>no-stop</c>.</param>
internal sealed record ItemResult(CheckItem Item, ItemStatus Status, string? Reason = null);

/// <summary>
/// The numbers of the summary card, all from the engine: the position as a one-position book on the
/// user's exchange, analyzed at the entry.
/// </summary>
internal sealed record CheckSummary
{
    /// <summary>A stop further than this share of the way from the entry to the liquidation price is too close to it.</summary>
    public const decimal StopBuffer = 0.8m;

    /// <summary>Fees and funding above this share of the margin deserve a warning (the article: they bleed margin).</summary>
    public const decimal CostShare = 0.1m;

    public required Position Position { get; init; }

    public required decimal Wallet { get; init; }

    public required PositionReport Report { get; init; }

    public required AccountSummary Account { get; init; }

    public required IReadOnlyList<Finding> Dangers { get; init; }

    public required string ExchangeName { get; init; }

    public decimal? MaxLoss { get; init; }

    public decimal? Stop { get; init; }

    public decimal? LossAtStop { get; init; }

    public decimal? HoldHours { get; init; }

    public required decimal TradingFees { get; init; }

    public decimal? Funding { get; init; }

    public int FundingIntervals { get; init; }

    public required decimal FundingRate { get; init; }

    public required int FundingIntervalHours { get; init; }

    /// <summary>What the chosen mode puts at risk: the isolated margin, or the whole cross wallet.</summary>
    public required decimal MaxLossUnderMode { get; init; }

    public required IReadOnlyList<ItemResult> Items { get; init; }

    public Verdict Verdict =>
        Dangers.Count > 0 || Items.Any(i => i.Status == ItemStatus.Danger) ? Verdict.DoNot
        : Items.Any(i => i.Status is ItemStatus.Missing or ItemStatus.Warning) ? Verdict.Careful
        : Verdict.Ready;

    public ItemResult ItemOf(CheckItem item) => Items.First(i => i.Item == item);

    /// <summary>Builds the position the answers describe.</summary>
    public static Position PositionOf(CheckDraft draft, MarginMode? mode = null) => new()
    {
        Symbol = draft.Symbol!,
        Side = draft.Side!.Value,
        Quantity = draft.QuantityAtEntry!.Value,
        EntryPrice = draft.Entry!.Value,
        Leverage = draft.Leverage!.Value,
        Mode = mode ?? draft.Mode!.Value,
    };

    /// <summary>The card for a complete draft, optionally under another margin mode.</summary>
    public static CheckSummary Of(CheckDraft draft, UserSettings settings, TierCatalog catalog, decimal fundingRate, MarginMode? mode = null)
    {
        var position = PositionOf(draft, mode);
        var exchange = settings.Profile;
        var fees = settings.Fees;
        var wallet = draft.Wallet!.Value;
        var book = new Book
        {
            Exchange = exchange,
            WalletBalance = wallet,
            Fees = fees,
            Positions = [position],
        }.WithTiers(catalog);
        var analysis = BookAnalyzer.Analyze(book);
        var report = analysis.Positions[0];
        var notional = position.EntryNotional;
        var tradingFees = TradeCosts.Fee(notional, fees.Taker) * 2m;
        int intervals = 0;
        decimal? funding = null;
        if (draft.HoldHours is { } hours)
        {
            intervals = TradeCosts.FundingIntervals(hours, exchange.FundingIntervalHours);
            funding = TradeCosts.Funding(position.Side, notional, fundingRate, intervals);
        }

        decimal? lossAtStop = draft.Stop is { } stop ? TradeCosts.LossAtStop(position, stop, fees.Taker) : null;
        var maxLossUnderMode = position.Mode == MarginMode.Isolated ? position.PositionMargin : wallet;
        var summary = new CheckSummary
        {
            Position = position,
            Wallet = wallet,
            Report = report,
            Account = analysis.Account,
            Dangers = [.. analysis.Findings.Where(f => f.Severity == Severity.Danger)],
            ExchangeName = exchange.Name,
            MaxLoss = draft.MaxLoss,
            Stop = draft.Stop,
            LossAtStop = lossAtStop,
            HoldHours = draft.HoldHours,
            TradingFees = tradingFees,
            Funding = funding,
            FundingIntervals = intervals,
            FundingRate = fundingRate,
            FundingIntervalHours = exchange.FundingIntervalHours,
            MaxLossUnderMode = maxLossUnderMode,
            Items = [],
        };
        return summary with { Items = Judge(summary, report) };
    }

    private static List<ItemResult> Judge(CheckSummary s, PositionReport report)
    {
        var position = s.Position;
        var lp = report.LiquidationPrice;
        var stopItem = new ItemResult(CheckItem.StopLoss, ItemStatus.Missing);
        if (s.Stop is { } stop)
        {
            var side = position.Side.Sign();
            stopItem = side * (position.EntryPrice - stop) <= 0 ? stopItem with { Status = ItemStatus.Danger, Reason = "wrong-side" }
                : lp is { } l && side * (stop - l) <= 0 ? stopItem with { Status = ItemStatus.Danger, Reason = "beyond-liquidation" }
                : lp is { } l2 && side * (position.EntryPrice - stop) > StopBuffer * side * (position.EntryPrice - l2) ? stopItem with { Status = ItemStatus.Warning, Reason = "near-liquidation" }
                : stopItem with { Status = ItemStatus.Done };
        }

        var maxLossStatus = s.MaxLoss is not { } max ? ItemStatus.Missing
            : s.LossAtStop is { } loss ? (loss <= max ? ItemStatus.Done : ItemStatus.Warning)
            : s.MaxLossUnderMode <= max ? ItemStatus.Done : ItemStatus.Warning;
        var maxLossReason = s.MaxLoss is not null && s.LossAtStop is null && maxLossStatus == ItemStatus.Warning ? "no-stop" : null;

        var costs = s.TradingFees + Math.Max(0m, s.Funding ?? 0m);
        var costStatus = s.HoldHours is null ? ItemStatus.Missing
            : costs > CostShare * position.PositionMargin ? ItemStatus.Warning
            : ItemStatus.Done;

        var liqStatus = report.Tiers.IsFallback ? ItemStatus.Warning : ItemStatus.Done;
        var idle = s.Wallet < position.PositionMargin ? new ItemResult(CheckItem.IdleFunds, ItemStatus.Danger, "wallet-short")
            : new ItemResult(CheckItem.IdleFunds, position.Mode == MarginMode.Cross && s.Account.IdleFunds > 0 ? ItemStatus.Warning : ItemStatus.Done);
        return
        [
            new(CheckItem.MarginMode, ItemStatus.Done),
            new(CheckItem.MaxLoss, maxLossStatus, maxLossReason),
            new(CheckItem.LiquidationPrice, liqStatus),
            new(CheckItem.FeesAndFunding, costStatus),
            stopItem,
            idle,
        ];
    }
}
