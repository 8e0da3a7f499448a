using PdfSharp.Fonts;

namespace Complaints.Reports.AuditReports;

/// <summary>
/// PDFsharp finds no fonts by itself on Linux: this resolver gives it DejaVu Sans (Debian's fonts-dejavu-core, which
/// tests/run.sh installs), regular and bold, which cover the Polish letters. Set once for the process.
/// </summary>
public sealed class DejaVuFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];
    private static readonly object Lock = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Lock)
        {
            if (_installed) return;
            GlobalFontSettings.FontResolver = new DejaVuFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path))
                return File.ReadAllBytes(path);
        }
        throw new FileNotFoundException($"The PDF report needs the font {faceName}.ttf (Debian package fonts-dejavu-core); looked in {string.Join(", ", Folders)}.");
    }
}
