using MarginBot.Engine.Accounts;

namespace MarginBot.Engine.Risk;

/// <summary>
/// "What if ETH wicks −10%?": walks the book's prices from the marks through a path in fine steps
/// and reports every liquidation in order, then the end state. See docs/risk.md for the model.
/// </summary>
public static class WhatIf
{
    /// <summary>
    /// Runs <paramref name="scenario"/> against <paramref name="book"/> (tiers resolved). Cost:
    /// O(positions × fine steps), plus a bisection of O(positions) per account trigger.
    /// </summary>
    public static CascadeResult Run(Book book, MoveScenario scenario, CascadeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= CascadeOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.StepsPerLeg, 1);
        if (scenario.Steps.Count == 0)
        {
            throw new ArgumentException("A scenario needs at least one step.", nameof(scenario));
        }

        var walker = new CascadeWalker(book, options.Model);
        walker.Settle();
        var targets = new decimal[walker.Count];
        for (var i = 0; i < walker.Count; i++)
        {
            targets[i] = walker.StartMark(i);
        }

        foreach (var step in scenario.Steps)
        {
            for (var i = 0; i < walker.Count; i++)
            {
                if (step.For(book.Positions[i].Symbol) is { } move)
                {
                    targets[i] = move.From(walker.StartMark(i));
                }
            }

            walker.WalkTo(targets, options.StepsPerLeg);
        }

        return walker.Result(options.StepsPerLeg * scenario.Steps.Count);
    }
}
