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
    private decimal[] _legFrom = [];
    private decimal[] _legTo = [];
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
        _wallet = book.WalletBalance;
        for (var i = 0; i < count; i++)
        {
            var position = book.Positions[i];
            var mark = book.MarkOf(position);
            _members[i] = new PricedPosition(position, book.TiersOf(position.Symbol), mark);
            _startMarks[i] = mark;
            _prices[i] = mark;
            _alive[i] = true;
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
        LiquidateIsolated(alreadyPast: true);
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
        _legLastStep = steps;
        if (afterStep is not null)
        {
            // Snapshots advance each linear PnL by a fixed amount: additions only, since decimal
            // multiplications by a 28-digit fraction of the leg cost far more.
            var chunks = (decimal)steps / every;
            for (var i = 0; i < _members.Length; i++)
            {
                _legPnlFrom[i] = _members[i].PnlAt(from[i]);
                _legPnlDelta[i] = (_members[i].PnlAt(targets[i]) - _legPnlFrom[i]) / chunks;
            }
        }

        var crossings = IsolatedCrossings(from, targets, steps);
        var nextCrossing = 0;
        var bound = SlackBoundPerStep(from, targets, steps);
        var low = 0m;
        for (var s = 1; s <= steps; s++)
        {
            var t = (decimal)s / steps;
            var interpolated = false;
            if (nextCrossing < crossings.Count && crossings[nextCrossing].Step <= s)
            {
                Interpolate(from, targets, t, _prices);
                interpolated = true;
                var before = _events.Count;
                LiquidateIsolated(alreadyPast: false);
                while (nextCrossing < crossings.Count && crossings[nextCrossing].Step <= s)
                {
                    nextCrossing++;
                }

                if (_events.Count != before)
                {
                    _slackKnown = false;
                }
            }

            if (_crossAlive > 0)
            {
                _slackFloor -= bound;
                if (!_slackKnown || _slackFloor <= 0m || _requirementJumps)
                {
                    if (!interpolated)
                    {
                        Interpolate(from, targets, t, _prices);
                    }

                    if (Breached(_prices))
                    {
                        while (_crossAlive > 0 && Breached(_prices))
                        {
                            var trigger = FindTrigger(from, targets, low, t);
                            Interpolate(from, targets, trigger, _scratch);
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

        Interpolate(from, targets, 1m, _prices);
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
        for (var i = 0; i < _members.Length; i++)
        {
            if (_alive[i])
            {
                decimal pnl;
                if (_legStep == _legLastStep)
                {
                    pnl = _members[i].PnlAt(_legTo[i]);
                }
                else if (_members[i].Position.Contract.IsInverse)
                {
                    pnl = _members[i].PnlAt(_legFrom[i] + ((_legTo[i] - _legFrom[i]) * _legT));
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

            if (_members[i].Position.Side == Side.Long ? from[i] <= lp : from[i] >= lp)
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

    private static void Interpolate(decimal[] from, decimal[] to, decimal t, decimal[] into)
    {
        for (var i = 0; i < from.Length; i++)
        {
            into[i] = from[i] + ((to[i] - from[i]) * t);
        }
    }

    private decimal FindTrigger(decimal[] from, decimal[] to, decimal low, decimal high)
    {
        Interpolate(from, to, low, _scratch);
        if (Breached(_scratch))
        {
            return low;
        }

        for (var round = 0; round < BisectionRounds; round++)
        {
            var middle = (low + high) / 2m;
            Interpolate(from, to, middle, _scratch);
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
    /// Closes the isolated positions whose price has reached their liquidation price: at that price
    /// when the walk crossed it, at the current price when it started beyond it.
    /// </summary>
    private void LiquidateIsolated(bool alreadyPast)
    {
        for (var i = 0; i < _members.Length; i++)
        {
            if (!_alive[i] || _isolatedLp[i] is not { } lp)
            {
                continue;
            }

            var isLong = _members[i].Position.Side == Side.Long;
            if (isLong ? _prices[i] > lp : _prices[i] < lp)
            {
                continue;
            }

            // An isolated position loses at most its margin, plus the fee of the liquidation order.
            var member = _members[i];
            lp = alreadyPast ? _prices[i] : lp;
            var margin = member.Position.PositionMargin;
            var fee = _fees.Taker * member.NotionalAt(lp);
            var loss = Math.Min(margin, -member.PnlAt(lp)) + fee;
            _alive[i] = false;
            _isolatedMargins -= margin;
            _wallet -= loss;
            _realized[i] = -loss;
            _events.Add(new LiquidationEvent(member.Position, lp, MovePct(i, lp), loss, fee, _wallet, EquityAt(_prices), AccountTrigger: false));
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

        // Largest loss first, in both models: the whole-book model closes them all, but the
        // events still read in the order an exchange would most likely take them.
        order.Sort((a, b) => _members[a].PnlAt(prices[a]).CompareTo(_members[b].PnlAt(prices[b])));
        foreach (var i in order)
        {
            var member = _members[i];
            var price = prices[i];
            var fee = _fees.Taker * member.NotionalAt(price);
            var loss = fee - member.PnlAt(price);
            _alive[i] = false;
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
            _events.Add(new LiquidationEvent(member.Position, price, MovePct(i, price), loss, fee, _wallet, EquityAt(prices), AccountTrigger: true));
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

    private decimal MovePct(int i, decimal price) => (price - _startMarks[i]) / _startMarks[i] * 100m;
}
