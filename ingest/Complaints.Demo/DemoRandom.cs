namespace Complaints.Demo;

/// <summary>
/// Small helpers over a seeded <see cref="Random"/>. They use only + − × ÷ on doubles (no Math.Log, Math.Exp or
/// Math.Pow, whose last bit may differ between platforms), whose results IEEE 754 fixes exactly, so a seed gives
/// the same files on every platform.
/// </summary>
internal static class DemoRandom
{
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    public static double Between(this Random random, double min, double max) => min + (max - min) * random.NextDouble();

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A value in [0, 1) that is mostly small: a long tail without transcendental functions.</summary>
    public static double Skewed(this Random random, int power = 2)
    {
        var u = random.NextDouble();
        var result = u;
        for (var i = 1; i < power; i++)
            result *= u;
        return result;
    }

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public static int PickWeighted(this Random random, ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
            total += weight;
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
                return i;
        }
        return weights.Length - 1;
    }

    public static T PickWeighted<T>(this Random random, IReadOnlyList<(T Item, double Weight)> choices)
    {
        var total = 0.0;
        foreach (var choice in choices)
            total += choice.Weight;
        var target = random.NextDouble() * total;
        foreach (var choice in choices)
        {
            target -= choice.Weight;
            if (target < 0)
                return choice.Item;
        }
        return choices[^1].Item;
    }

    /// <summary>
    /// A stable 64-bit hash of (seed, n) — SplitMix64's finaliser — so per-customer traits follow from the
    /// customer number alone and need no table kept in memory.
    /// </summary>
    public static ulong Hash(int seed, long n)
    {
        unchecked
        {
            var x = (((ulong)(uint)seed << 32) ^ (ulong)n) + 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }

    /// <summary>
    /// e^x from + − × ÷ only: x is halved until small, a Taylor series is summed, and the result squared back.
    /// Accurate to about 1e-11 relative over the range the demo needs (|x| &lt; 20), and the same bits everywhere.
    /// </summary>
    public static double Exp(double x)
    {
        const int halvings = 16;
        var small = x / 65536.0;
        var term = 1.0;
        var sum = 1.0;
        for (var n = 1; n <= 8; n++)
        {
            term = term * small / n;
            sum += term;
        }
        for (var i = 0; i < halvings; i++)
            sum *= sum;
        return sum;
    }

    /// <summary>The logistic function 1 / (1 + e^-x), with <see cref="Exp"/>.</summary>
    public static double Logistic(double x) => 1.0 / (1.0 + Exp(-x));
}
