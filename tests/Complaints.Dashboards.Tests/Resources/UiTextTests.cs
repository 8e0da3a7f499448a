using System.Text.RegularExpressions;
using System.Xml.Linq;
using Complaints.Testing;
using Complaints.Warehouse.Overview;

namespace Complaints.Dashboards.Tests.Resources;

/// <summary>The English and Polish resource files say the same things: no text missing in either, no placeholder lost.</summary>
public sealed partial class UiTextTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "dashboards", "Complaints.Dashboards");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void Every_English_text_has_a_Polish_one_with_the_same_placeholders()
    {
        var english = Read("UiText.resx");
        var polish = Read("UiText.pl.resx");

        Assert.Equal(english.Keys.Order(), polish.Keys.Order());
        var lost = english.Where(e => !Placeholders(e.Value).SetEquals(Placeholders(polish[e.Key]))).Select(e => e.Key).ToList();
        Assert.True(lost.Count == 0, "placeholders differ: " + string.Join(", ", lost));
        Assert.True(polish.Where(p => p.Value.Length == 0).Select(p => p.Key).ToList() is [], "empty Polish texts");
    }

    [Fact]
    public void Every_text_the_pages_ask_for_exists()
    {
        var keys = Read("UiText.resx").Keys.ToHashSet();
        var sources = Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var asked = sources.SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value)).ToHashSet();

        // Keys built at run time from a bucket's or a dimension's name.
        asked.UnionWith(Enum.GetValues<TimeBucket>().SelectMany(b => new[] { $"Bucket.{b}", $"Overview.Trend.{b}" }));
        asked.UnionWith(["Column.Channel", "Column.Segment", "Column.Team"]);

        Assert.NotEmpty(asked);
        Assert.Empty(asked.Where(k => !keys.Contains(k)).Order());
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>L["Key"…] in components, UiText.Get("Key"…) in helpers; keys built at run time (L[$"Bucket.{b}"]) are not seen here.</summary>
    [GeneratedRegex(@"(?:\bL\[|UiText\.Get\()""(?<key>[A-Za-z0-9.]+)""")]
    private static partial Regex KeyUse();
}
