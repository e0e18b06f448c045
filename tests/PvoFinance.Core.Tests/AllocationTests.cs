using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace PvoFinance.Core.Tests;

/// <summary>A total and the weights to split it over (at least one positive).</summary>
public sealed record SplitCase(long Total, long[] Weights)
{
    public override string ToString() => $"Split({Total}, [{string.Join(", ", Weights)}])";
}

/// <summary>Totals over the whole accepted range (negative too) and weights from zero to very large.</summary>
public static class SplitCaseArbitrary
{
    public static Arbitrary<SplitCase> Cases()
    {
        var small = Gen.Choose(-10_000, 10_000).Select(i => (long)i);
        var large = Gen.Zip(Gen.Choose(-99_999_999, 99_999_999), Gen.Choose(0, 999_999_999),
            (high, low) => Math.Clamp(high * 1_000_000_000L + Math.Sign(high) * low, -Money.MaxCents, Money.MaxCents));
        var total = Gen.Frequency((3, small), (2, large));
        var weight = Gen.Frequency(
            (1, Gen.Constant(0L)),
            (4, Gen.Choose(1, 1_000).Select(i => (long)i)),
            (1, Gen.Zip(Gen.Choose(0, 1_000_000), Gen.Choose(0, 1_000_000), (a, b) => (long)a * 1_000_000 + b)));
        var weights =
            from n in Gen.Choose(1, 12)
            from ws in Gen.ArrayOf(weight, n)
            where ws.Any(w => w > 0)
            select ws;
        var cases = from t in total from ws in weights select new SplitCase(t, ws);
        return Arb.From(cases);
    }
}

public class AllocationTests
{
    private static long[] Cents(Money[] parts) => [.. parts.Select(p => p.Cents)];

    [Property(MaxTest = 1000, Arbitrary = new[] { typeof(SplitCaseArbitrary) })]
    public void Parts_always_sum_exactly_to_the_total(SplitCase c)
    {
        var parts = Allocation.Split(new Money(c.Total), c.Weights);
        Assert.Equal(c.Weights.Length, parts.Length);
        Assert.Equal(c.Total, parts.Sum(p => p.Cents));
    }

    [Property(MaxTest = 1000, Arbitrary = new[] { typeof(SplitCaseArbitrary) })]
    public void Each_part_is_within_one_cent_of_its_exact_share_and_zero_weights_get_nothing(SplitCase c)
    {
        var parts = Allocation.Split(new Money(c.Total), c.Weights);
        Int128 sum = 0;
        foreach (var w in c.Weights)
        {
            sum += w;
        }
        for (var i = 0; i < parts.Length; i++)
        {
            // |part − total·w/sum| < 1 cent, written without division.
            var diff = (Int128)parts[i].Cents * sum - (Int128)c.Total * c.Weights[i];
            Assert.True(Int128.Abs(diff) < sum, $"part {i} = {parts[i].Cents} is a cent or more off its share");
            if (c.Weights[i] == 0)
            {
                Assert.Equal(0, parts[i].Cents);
            }
            // Every part carries the total's sign (or is zero).
            Assert.True(parts[i].Cents == 0 || Math.Sign(parts[i].Cents) == Math.Sign(c.Total));
        }
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(SplitCaseArbitrary) })]
    public void Same_inputs_give_the_same_cents_and_a_negative_total_mirrors_the_positive(SplitCase c)
    {
        var first = Cents(Allocation.Split(new Money(c.Total), c.Weights));
        var again = Cents(Allocation.Split(new Money(c.Total), c.Weights.ToList()));
        Assert.Equal(first, again);
        var mirrored = Cents(Allocation.Split(new Money(-c.Total), c.Weights));
        Assert.Equal(first.Select(x => -x), mirrored);
    }

    [Fact]
    public void Hundred_cents_over_three_equal_weights_gives_the_extra_cent_to_the_first()
    {
        Assert.Equal([34L, 33L, 33L], Cents(Allocation.Split(new Money(100), [1, 1, 1])));
        Assert.Equal([-34L, -33L, -33L], Cents(Allocation.Split(new Money(-100), [1, 1, 1])));
        Assert.Equal([67L, 67L, 66L], Cents(Allocation.Split(new Money(200), [5, 5, 5])));
    }

    [Fact]
    public void Leftover_cents_go_to_the_largest_remainders_not_simply_the_first_parts()
    {
        // 5 over 1:3 is 1.25 and 3.75: the leftover cent belongs to the 0.75 remainder.
        Assert.Equal([1L, 4L], Cents(Allocation.Split(new Money(5), [1, 3])));
        // Inhabitants of three municipalities: 1000.00 split 10,000 / 20,000 / 30,001.
        var parts = Allocation.Split(Money.Parse("1000.00"), [10_000, 20_000, 30_001]);
        Assert.Equal([16_666L, 33_333L, 50_001L], Cents(parts));
    }

    [Fact]
    public void Zero_weights_get_zero_and_the_rest_is_shared()
    {
        Assert.Equal([0L, 50L, 0L, 50L], Cents(Allocation.Split(new Money(100), [0, 7, 0, 7])));
        Assert.Equal([0L, 1L], Cents(Allocation.Split(new Money(1), [0, 1])));
    }

    [Fact]
    public void Splitting_zero_gives_zero_parts()
    {
        Assert.All(Allocation.Split(Money.Zero, [1, 2, 3]), p => Assert.Equal(Money.Zero, p));
    }

    [Fact]
    public void Basis_point_shares_of_a_max_amount_do_not_overflow()
    {
        var parts = Allocation.Split(new Money(Money.MaxCents), [long.MaxValue / 2, long.MaxValue / 2, 1]);
        Assert.Equal(Money.MaxCents, parts.Sum(p => p.Cents));
    }

    [Fact]
    public void Invalid_weights_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Allocation.Split(new Money(100), []));
        Assert.Throws<ArgumentException>(() => Allocation.Split(new Money(100), [1, -1, 1]));
        Assert.Throws<ArgumentException>(() => Allocation.Split(new Money(100), [0, 0]));
        Assert.Throws<ArgumentException>(() => Allocation.Split(new Money(100), new long[Allocation.MaxParts + 1]));
        Assert.Equal(Allocation.MaxParts, Allocation.Split(new Money(100), Enumerable.Repeat(1L, Allocation.MaxParts).ToArray()).Length);
    }
}
