namespace Complaints.Dashboards.Components.Charts;

/// <summary>The same colour for a product line on every chart. Palette: Okabe–Ito, readable for colour-blind people.</summary>
public static class ProductLineColors
{
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#8C8C00"];

    public static string For(string productLine)
    {
        // A stable hash (string.GetHashCode differs per process), so colours do not change between runs.
        var hash = 0u;
        foreach (var ch in productLine)
            hash = hash * 31 + ch;
        return Palette[hash % (uint)Palette.Length];
    }
}
