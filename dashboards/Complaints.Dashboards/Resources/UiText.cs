using System.Globalization;
using System.Resources;

namespace Complaints.Dashboards.Resources;

/// <summary>
/// The UI's words, in UiText.resx (English, the fallback) and UiText.pl.resx (Polish). Components read them through
/// <c>IStringLocalizer&lt;UiText&gt;</c>; plain helpers (number formats, filter messages) through <see cref="Get"/>.
/// </summary>
public sealed class UiText
{
    private static readonly ResourceManager Resources = new(typeof(UiText).FullName!, typeof(UiText).Assembly);

    /// <summary>The text for <paramref name="key"/> in the current UI culture, with <paramref name="args"/> formatted in the current culture.</summary>
    public static string Get(string key, params object?[] args)
    {
        var text = Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentCulture, text, args);
    }
}
