using System.Globalization;
using System.Resources;

namespace Complaints.Reports.Resources;

/// <summary>
/// The words of workbooks, exports and report mails, in ReportText.resx (English, the fallback) and ReportText.pl.resx
/// (Polish). A report is written in its own language, whatever the culture of the thread that writes it (a scheduled
/// delivery has no request), so every call names the culture.
/// </summary>
public static class ReportText
{
    private static readonly ResourceManager Resources = new(typeof(ReportText).FullName!, typeof(ReportText).Assembly);

    public static string Get(CultureInfo culture, string key, params object?[] args)
    {
        var text = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? text : string.Format(culture, text, args);
    }
}
