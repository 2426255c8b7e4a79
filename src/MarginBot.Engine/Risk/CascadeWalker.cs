using MarginBot.Engine.Accounts;
using MarginBot.Engine.Contracts;
using MarginBot.Engine.Exchanges;
using MarginBot.Engine.Liquidation;

namespace MarginBot.Engine.Risk;

/// <summary>
/// The state of a book while prices walk: who is still open, the wallet, and the events so far.
/// Isolated positions die alone at their own liquidation price; the cross positions die together
/// (or largest loss first) when cross equity falls to the cross requirement.
/// </summary>
internal sealed class CascadeWalker
{
    private const int BisectionRounds = 48;

    /// <summary>
    /// Decimal places of the PnL that <see cref="Snapshot"/> advances by additions. Amounts carried
    /// at one fixed scale add without rescaling (several times faster than 28-digit operands of
    /// mixed scales); the drift, at most half a unit of the last place per snapshot, stays below
    /// 1e-15 of the margin asset for any realistic leg, far under any tick or display rounding.
    /// Larger amounts (beyond about 7e10) still add correctly, just on decimal's slower path.
    /// </summary>
    private const int SnapshotScale = 18;

    private readonly ExchangeProfile _exchange;
    private readonly FeeSchedule _fees;
    private readonly CascadeModel _model;
    private readonly PricedPosition[] _members;
    private readonly decimal[] _startMarks;
    private readonly decimal?[] _isolatedLp;
    private readonly bool[] _alive;
    private readonly decimal[] _realized;
    private readonly decimal[] _prices;
    private readonly decimal[] _scratch;
    private readonly List<LiquidationEvent> _events = [];
    private readonly decimal[] _slopeFactor;
    private readonly decimal[] _legPnlFrom;
    private readonly decimal[] _legPnlDelta;
    private readonly bool[] _inverse;
    private readonly decimal[] _legPnlStart;
    private readonly decimal[] _legPnlSpan;
    private decimal _legLinearStart;
    private decimal _legLinearSpan;
    private bool _legSumsKnown;
    private decimal[] _legFrom = [];
    private decimal[] _legTo = [];
    private decimal[] _legSpan = [];
    private decimal _legT;
    private int _legStep;
    private int _legLastStep;
    private decimal _wallet;
    private decimal _isolatedMargins;
    private decimal _slackFloor;
    private bool _slackKnown;
    private bool _requirementJumps;
    private int _crossAlive;

    public CascadeWalker(Book book, CascadeModel model)
    {
        _exchange = book.Exchange;
        _fees = book.EffectiveFees;
        _model = model;
        var count = book.Positions.Count;
        _members = new PricedPosition[count];
        _startMarks = new decimal[count];
        _isolatedLp = new decimal?[count];
        _alive = new bool[count];
        _realized = new decimal[count];
        _prices = new decimal[count];
        _scratch = new decimal[count];
        _slopeFactor = new decimal[count];
        _legPnlFrom = new decimal[count];
        _legPnlDelta = new decimal[count];
        _inverse = new bool[count];
        _legPnlStart = new decimal[count];
        _legPnlSpan = new decimal[count];
        _wallet = book.WalletBalance;
        for (var i = 0; i < count; i++)
        {
            var position = book.Positions[i];
            var mark = book.MarkOf(position);
            _members[i] = new PricedPosition(position, book.TiersOf(position.Symbol), mark);
            _startMarks[i] = mark;
            _prices[i] = mark;
            _alive[i] = true;
            _inverse[i] = position.Contract.IsInverse;
            _slopeFactor[i] = 1m + _members[i].Tiers.Tiers.Max(t => t.MaintenanceMarginRate) + _fees.Taker;
            _requirementJumps |= Jumps(_members[i].Tiers);
            if (position.Mode == MarginMode.Isolated)
            {
                _isolatedMargins += position.PositionMargin;
                _isolatedLp[i] = MarginRules.Isolated(_exchange, _fees, _members[i], position.PositionMargin).Price;
            }
            else
            {
                _crossAlive++;
            }
        }

        StartEquity = Equity;
    }

    public decimal StartEquity { get; }

    public decimal Wallet => _wallet;

    public IReadOnlyList<LiquidationEvent> Events => _events;

    public int Count => _members.Length;

    public decimal Equity => EquityAt(_prices);

    public decimal StartMark(int i) => _startMarks[i];

    public decimal Price(int i) => _prices[i];

    public bool IsAlive(int i) => _alive[i];

    /// <summary>Unrealized PnL while open; minus the loss taken once liquidated.</summary>
    public decimal PositionResult(int i) => _alive[i] ? _members[i].PnlAt(_prices[i]) : _realized[i];

    /// <summary>Liquidates whatever is already past its trigger at the current prices.</summary>
    public void Settle()
    {
        LiquidateIsolated(Enumerable.Range(0, _members.Length), legT: null);
        while (_crossAlive > 0 && Breached(_prices))
        {
            CloseCross(_prices);
        }
    }

    /// <summary>
    /// Walks every position's price in a straight line from where it is to <paramref name="targets"/>
    /// in <paramref name="steps"/> fine steps. The cross account is checked exactly only when a
    /// bound on how fast its slack (equity less requirement) can shrink says it might have run out,
    /// and isolated positions only at the steps where their price reaches their liquidation price,
    /// so a quiet step costs O(1).
    /// </summary>
    public void WalkTo(decimal[] targets, int steps, Action<int>? afterStep = null, int every = 1)
    {
        var from = (decimal[])_prices.Clone();
        _legFrom = from;
        _legTo = targets;

        // Every interpolation of this leg (each step, each bisection round) reuses to − from.
        _legSpan = new decimal[from.Length];
        for (var i = 0; i < from.Length; i++)
        {
            _legSpan[i] = targets[i] - from[i];
        }

        _legLastStep = steps;
        _legSumsKnown = false;
        if (afterStep is not null)
        {
            // Snapshots advance each linear PnL by a fixed amount: additions only, since decimal
            // multiplications by a 28-digit fraction of the leg cost far more; and at one fixed
            // scale (see SnapshotScale), since additions of mixed-scale 28-digit operands do too.
            var chunks = (decimal)steps / every;
            for (var i = 0; i < _members.Length; i++)
            {
                var pnlFrom = _members[i].PnlAt(from[i]);
                _legPnlFrom[i] = Math.Round(pnlFrom, SnapshotScale);
                _legPnlDelta[i] = Math.Round((_members[i].PnlAt(targets[i]) - pnlFrom) / chunks, SnapshotScale);
            }
        }

        var crossings = IsolatedCrossings(from, targets, steps);
        var nextCrossing = 0;

        // The isolated positions whose crossing step has come and that are still open, in book
        // order: only they can be at their liquidation price (a rounding miss stays here until a
        // later crossing step or the next leg closes it).
        var pending = new List<int>();
        var bound = SlackBoundPerStep(from, targets, steps);
        var low = 0m;
        for (var s = 1; s <= steps; s++)
        {
            var t = (decimal)s / steps;
            if (nextCrossing < crossings.Count && crossings[nextCrossing].Step <= s)
            {
                while (nextCrossing < crossings.Count && crossings[nextCrossing].Step <= s)
                {
                    var index = crossings[nextCrossing].Index;
                    if (!pending.Contains(index))
                    {
                        pending.Add(index);
                    }

                    nextCrossing++;
                }

                pending.Sort();

                // Only the candidates are priced: the equity after a close comes from OpenPnlInLeg,
                // so a crossing step costs O(pending), not O(positions).
                foreach (var i in pending)
                {
                    _prices[i] = from[i] + (_legSpan[i] * t);
                }

                var before = _events.Count;
                LiquidateIsolated(pending, legT: t);
                if (_events.Count != before)
                {
                    pending.RemoveAll(i => !_alive[i]);
                    _slackKnown = false;
                }
            }

            if (_crossAlive > 0)
            {
                _slackFloor -= bound;
                if (!_slackKnown || _slackFloor <= 0m || _requirementJumps)
                {
                    Interpolate(t, _prices);

                    if (Breached(_prices))
                    {
                        while (_crossAlive > 0 && Breached(_prices))
                        {
                            var trigger = FindTrigger(low, t);
                            Interpolate(trigger, _scratch);
                            CloseCross(_scratch);
                            low = trigger;
                        }

                        bound = SlackBoundPerStep(from, targets, steps);
                        Breached(_prices);
                    }
                }
            }

            low = t;
            if (afterStep is not null && s % every == 0)
            {
                _legT = t;
                _legStep = s;
                afterStep(s);
            }
        }

        Interpolate(1m, _prices);
    }

    /// <summary>
    /// Inside a <see cref="WalkTo"/> callback: each position's <see cref="PositionResult"/> at the
    /// step into <paramref name="into"/>, and the account equity. Called once per snapshot, in
    /// order: a linear contract's PnL is linear in the price, so it advances by a fixed amount per
    /// snapshot (and is recomputed exactly at the leg's end) without moving every price.
    /// </summary>
    public decimal Snapshot(decimal[] into)
    {
        var equity = _wallet;
        var legEnd = _legStep == _legLastStep;
        for (var i = 0; i < _members.Length; i++)
        {
            if (_alive[i])
            {
                decimal pnl;
                if (legEnd)
                {
                    pnl = _members[i].PnlAt(_legTo[i]);
                }
                else if (_inverse[i])
                {
                    pnl = _members[i].PnlAt(_legFrom[i] + (_legSpan[i] * _legT));
                }
                else
                {
                    _legPnlFrom[i] += _legPnlDelta[i];
                    pnl = _legPnlFrom[i];
                }

                into[i] = pnl;
                equity += pnl;
            }
            else
            {
                into[i] = _realized[i];
            }
        }

        return equity;
    }

    /// <summary>The steps at which an isolated position's price may first reach its liquidation price (and the one after, against rounding).</summary>
    private List<(int Step, int Index)> IsolatedCrossings(decimal[] from, decimal[] to, int steps)
    {
        var crossings = new List<(int Step, int Index)>();
        for (var i = 0; i < _members.Length; i++)
        {
            if (!_alive[i] || _isolatedLp[i] is not { } lp)
            {
                continue;
            }

            if (IsPast(i, from[i]))
            {
                // Already there (a rounding miss on an earlier leg): close it at the first step.
                crossings.Add((1, i));
                continue;
            }

            if (from[i] == to[i])
            {
                continue;
            }

            // Only a leg that reaches the liquidation price matters; test before dividing.
            if ((lp - from[i] >= 0m) != (to[i] - lp >= 0m) && lp != from[i] && lp != to[i])
            {
                continue;
            }

            var t = (lp - from[i]) / (to[i] - from[i]);

            var step = (int)Math.Floor(t * steps);
            crossings.Add((Math.Clamp(step, 1, steps), i));
            crossings.Add((Math.Clamp(step + 1, 1, steps), i));
        }

        crossings.Sort((a, b) => a.Step.CompareTo(b.Step));
        return crossings;
    }

    /// <summary>
    /// How much the cross slack can shrink in one fine step at most: each position's PnL and
    /// requirement move by at most its notional's change times (1 + highest tier rate + taker).
    /// </summary>
    private decimal SlackBoundPerStep(decimal[] from, decimal[] to, int steps)
    {
        var bound = 0m;
        for (var i = 0; i < _members.Length; i++)
        {
            if (!_alive[i] || _members[i].Position.Mode != MarginMode.Cross || from[i] == to[i])
            {
                continue;
            }

            var position = _members[i].Position;
            var move = Math.Abs(to[i] - from[i]);
            var lowest = Math.Min(from[i], to[i]);
            var perPrice = position.Contract.IsInverse
                ? position.Quantity * position.Contract.ContractSize / (lowest * lowest)
                : position.Quantity;
            bound += perPrice * move * _slopeFactor[i];
        }

        return bound / steps;
    }

    public CascadeResult Result(int fineSteps)
    {
        var left = new List<Position>();
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < _members.Length; i++)
        {
            prices[_members[i].Position.Symbol] = _prices[i];
            if (_alive[i])
            {
                left.Add(_members[i].Position);
            }
        }

        var end = new CascadeEnd(_wallet, Equity, _events.Sum(e => e.Loss), left, prices);
        return new CascadeResult(_model, _wallet + _events.Sum(e => e.Loss), StartEquity, [.. _events], end, fineSteps);
    }

    /// <summary>The prices at fraction <paramref name="t"/> of the current leg.</summary>
    private void Interpolate(decimal t, decimal[] into)
    {
        for (var i = 0; i < _legFrom.Length; i++)
        {
            into[i] = _legFrom[i] + (_legSpan[i] * t);
        }
    }

    private decimal FindTrigger(decimal low, decimal high)
    {
        Interpolate(low, _scratch);
        if (Breached(_scratch))
        {
            return low;
        }

        for (var round = 0; round < BisectionRounds; round++)
        {
            var middle = (low + high) / 2m;
            Interpolate(middle, _scratch);
            if (Breached(_scratch))
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    private decimal EquityAt(decimal[] prices)
    {
        var equity = _wallet;
        for (var i = 0; i < _members.Length; i++)
        {
            if (_alive[i])
            {
                equity += _members[i].PnlAt(prices[i]);
            }
        }

        return equity;
    }

    /// <summary>
    /// The open positions' PnL at fraction <paramref name="t"/> of the current leg, without pricing
    /// every position: a linear contract's PnL is linear along the leg, so those are one running sum
    /// (less each position closed since); inverse ones are priced one by one.
    /// </summary>
    private decimal OpenPnlInLeg(decimal t)
    {
        if (!_legSumsKnown)
        {
            _legLinearStart = 0m;
            _legLinearSpan = 0m;
            for (var i = 0; i < _members.Length; i++)
            {
                if (_alive[i] && !_inverse[i])
                {
                    _legPnlStart[i] = _members[i].PnlAt(_legFrom[i]);
                    _legPnlSpan[i] = _members[i].PnlAt(_legTo[i]) - _legPnlStart[i];
                    _legLinearStart += _legPnlStart[i];
                    _legLinearSpan += _legPnlSpan[i];
                }
            }

            _legSumsKnown = true;
        }

        var pnl = _legLinearStart + (_legLinearSpan * t);
        for (var i = 0; i < _members.Length; i++)
        {
            if (_alive[i] && _inverse[i])
            {
                pnl += _members[i].PnlAt(_legFrom[i] + (_legSpan[i] * t));
            }
        }

        return pnl;
    }

    /// <summary>Marks position <paramref name="i"/> closed, and takes it out of the leg's running PnL sum.</summary>
    private void Close(int i)
    {
        _alive[i] = false;
        if (_legSumsKnown && !_inverse[i])
        {
            _legLinearStart -= _legPnlStart[i];
            _legLinearSpan -= _legPnlSpan[i];
        }
    }

    private decimal OpenPnlAt(decimal[] prices)
    {
        var pnl = 0m;
        for (var i = 0; i < _members.Length; i++)
        {
            if (_alive[i])
            {
                pnl += _members[i].PnlAt(prices[i]);
            }
        }

        return pnl;
    }

    private bool Breached(decimal[] prices)
    {
        decimal equity = _wallet - _isolatedMargins, requirement = 0m;
        for (var i = 0; i < _members.Length; i++)
        {
            if (_alive[i] && _members[i].Position.Mode == MarginMode.Cross)
            {
                equity += _members[i].PnlAt(prices[i]);
                requirement += MarginRules.Requirement(_exchange, _fees, _members[i], prices[i]);
            }
        }

        _slackFloor = equity - requirement;
        _slackKnown = true;
        return equity <= requirement;
    }

    /// <summary>
    /// Closes those of <paramref name="candidates"/> (in book order, their prices current) that are
    /// isolated and at or beyond their liquidation price: at that price when the walk crossed it at
    /// fraction <paramref name="legT"/> of the current leg; at the current price when
    /// <paramref name="legT"/> is <c>null</c> (every price current, before any leg: they start beyond it).
    /// </summary>
    private void LiquidateIsolated(IEnumerable<int> candidates, decimal? legT)
    {
        // The open positions' PnL at the current prices, summed once and then less each position
        // closed: re-summing it for every event made a step with many liquidations O(n²).
        decimal? openPnl = null;
        var alreadyPast = legT is null;
        foreach (var i in candidates)
        {
            if (!_alive[i] || _isolatedLp[i] is not { } lp || !IsPast(i, _prices[i]))
            {
                continue;
            }

            // An isolated position loses at most its margin, plus the fee of the liquidation order.
            var member = _members[i];
            lp = alreadyPast ? _prices[i] : lp;
            var margin = member.Position.PositionMargin;
            var fee = _fees.Taker * member.NotionalAt(lp);
            var loss = Math.Min(margin, -member.PnlAt(lp)) + fee;
            openPnl = (openPnl ?? (legT is { } t ? OpenPnlInLeg(t) : OpenPnlAt(_prices))) - member.PnlAt(_prices[i]);
            Close(i);
            _isolatedMargins -= margin;
            _wallet -= loss;
            _realized[i] = -loss;
            _events.Add(new LiquidationEvent(member.Position, lp, MovePct(i, lp), loss, fee, _wallet, _wallet + openPnl.Value, AccountTrigger: false));
        }
    }

    private void CloseCross(decimal[] prices)
    {
        var order = new List<int>();
        for (var i = 0; i < _members.Length; i++)
        {
            if (_alive[i] && _members[i].Position.Mode == MarginMode.Cross)
            {
                order.Add(i);
            }
        }

        // Each PnL is computed once, not in every comparison.
        var pnl = new decimal[_members.Length];
        foreach (var i in order)
        {
            pnl[i] = _members[i].PnlAt(prices[i]);
        }

        // Largest loss first, in both models: the whole-book model closes them all, but the
        // events still read in the order an exchange would most likely take them.
        order.Sort((a, b) => pnl[a].CompareTo(pnl[b]));
        var wholeBook = _model == CascadeModel.WholeCrossBook;

        // As in LiquidateIsolated: summed once, then less each position closed.
        var openPnl = OpenPnlAt(prices);
        foreach (var i in order)
        {
            var member = _members[i];
            var price = prices[i];
            var fee = _fees.Taker * member.NotionalAt(price);
            var loss = fee - member.PnlAt(price);
            Close(i);
            _crossAlive--;
            _wallet -= loss;
            var last = _model == CascadeModel.WholeCrossBook ? _crossAlive == 0 : !Breached(prices) || _crossAlive == 0;
            if (last && _wallet < _isolatedMargins)
            {
                // The cross wallet cannot go below zero: the exchange's insurance fund takes the rest.
                loss -= _isolatedMargins - _wallet;
                _wallet = _isolatedMargins;
            }

            _realized[i] = -loss;
            _prices[i] = price;
            openPnl -= pnl[i];
            // When the whole book closes at once, the gains still to be listed are credited in the
            // same instant: the wallet shown after a loss never dips below zero on the way.
            var walletShown = wholeBook ? Math.Max(_wallet, _isolatedMargins) : _wallet;
            _events.Add(new LiquidationEvent(member.Position, price, MovePct(i, price), loss, fee, walletShown, _wallet + openPnl, AccountTrigger: true));
            if (last)
            {
                return;
            }
        }
    }

    /// <summary>
    /// True when maintenance margin is not continuous at some tier edge (a table given without
    /// matching maintenance amounts): then no slope bound holds and every step is checked.
    /// </summary>
    private static bool Jumps(Tiers.TierTable table)
    {
        var tiers = table.Tiers;
        for (var k = 1; k < tiers.Count; k++)
        {
            var edge = tiers[k].Floor;
            if (Math.Abs(tiers[k].MaintenanceMargin(edge) - tiers[k - 1].MaintenanceMargin(edge)) > 0.000001m * Math.Max(1m, edge))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="price"/> is at or beyond isolated position <paramref name="i"/>'s liquidation price.</summary>
    private bool IsPast(int i, decimal price) =>
        _isolatedLp[i] is { } lp && (_members[i].Position.Side == Side.Long ? price <= lp : price >= lp);

    private decimal MovePct(int i, decimal price) => (price - _startMarks[i]) / _startMarks[i] * 100m;
}
