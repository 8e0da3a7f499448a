using Microsoft.AspNetCore.Components;

namespace Complaints.Dashboards.Components;

/// <summary>
/// A translated sentence with markup inside it (a link, a bold figure): the text keeps its placeholders {0}, {1}… where
/// each language wants them, and each placeholder is rendered from a fragment, so nothing is pasted in as raw HTML.
/// </summary>
public static class Sentence
{
    public static RenderFragment With(string text, params RenderFragment[] parts) => builder =>
    {
        // Fixed sequence numbers in a loop, as Razor itself writes them for a @foreach.
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('{', at);
            var close = open < 0 ? -1 : text.IndexOf('}', open);
            if (close < 0 || !int.TryParse(text.AsSpan(open + 1, close - open - 1), out var index) || index < 0 || index >= parts.Length)
            {
                builder.AddContent(0, text[at..]);
                return;
            }
            builder.AddContent(1, text[at..open]);
            builder.AddContent(2, parts[index]);
            at = close + 1;
        }
    };
}
