using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>
/// Turns one source record into one canonical row (values in the layout's column order) as a profile says. A value
/// that cannot be mapped (a date not in the profile's format, a blank required field) is left empty and reported
/// as a <see cref="MappingProblem"/> naming the source column, so the row goes to quarantine with the source's words.
/// </summary>
public sealed partial class RecordMapper(MappingProfile profile)
{
    private readonly FeedLayout _layout = profile.Layout;

    public string?[] Map(SourceRecord record, long recordIndex, List<MappingProblem> problems)
    {
        var row = new string?[_layout.Columns.Count];
        for (var i = 0; i < row.Length; i++)
        {
            var column = _layout.Columns[i];
            if (!profile.Fields.TryGetValue(column.Name, out var field))
            {
                row[i] = column.Name == "source" ? profile.Source : null;
                continue;
            }
            var sourceColumn = field.Column ?? string.Join("+", field.Columns ?? field.HashOf ?? []);
            var value = Read(field, record);
            if (string.IsNullOrWhiteSpace(value))
                value = field.Default;
            else
                value = Translate(field, value.Trim());

            if (string.IsNullOrWhiteSpace(value))
            {
                if (column.Required)
                    problems.Add(new MappingProblem(recordIndex, column.Name, sourceColumn, $"a value is required ({column.Name}), and the source's is blank"));
                continue;
            }
            var (converted, reason) = ConvertValue(column, field, value);
            if (reason is not null)
                problems.Add(new MappingProblem(recordIndex, column.Name, sourceColumn, reason));
            row[i] = converted;
        }
        return row;
    }

    private static string? Read(FieldMap field, SourceRecord record)
    {
        if (field.Constant is not null) return field.Constant;
        if (field.Column is not null) return record.Values.GetValueOrDefault(field.Column);
        if (field.Columns is not null)
            return string.Join(field.Join, field.Columns.Select(c => record.Values.GetValueOrDefault(c)?.Trim())
                .Where(v => !string.IsNullOrEmpty(v)).Select(v => field.Slug ? Slugify(v!) : v));
        // Unit separator between values: ("ab", "c") and ("a", "bc") must not hash alike.
        var key = string.Join('\u001F', field.HashOf!.Select(c => record.Values.GetValueOrDefault(c)?.Trim() ?? ""));
        return field.Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];
    }

    private static string Translate(FieldMap field, string value)
    {
        if (field.Values is not null)
        {
            if (field.Values.TryGetValue(value, out var mapped)) return mapped;
            foreach (var (from, to) in field.Values)
                if (string.Equals(from, value, StringComparison.OrdinalIgnoreCase)) return to;
            if (field.Otherwise is not null) return field.Otherwise;
        }
        return field.Slug && field.Columns is null ? Slugify(value) : value;
    }

    private (string? Value, string? Reason) ConvertValue(FeedColumn column, FieldMap field, string value)
    {
        switch (column.DuckDbType)
        {
            case "TIMESTAMPTZ" or "DATE":
                var formats = field.Formats ?? profile.DateFormats;
                if (formats.Length == 0) return (value, null); // already canonical; the loader checks it
                if (formats.Contains("iso") && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                    && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > 10))
                    return (column.DuckDbType == "DATE" ? instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : instant.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), null);
                var local = formats.Where(f => f != "iso").ToArray();
                if (local.Length > 0 && DateTime.TryParseExact(value, local, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var time))
                {
                    if (column.DuckDbType == "DATE") return (time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
                    // A local time in the spring gap does not exist; it is read with the offset in force just before it.
                    var offset = profile.Zone.GetUtcOffset(time);
                    return (new DateTimeOffset(time, offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), null);
                }
                return (null, $"'{Shorten(value)}' does not match the date format {string.Join(" or ", formats)}");
            case var t when t.StartsWith("DECIMAL", StringComparison.Ordinal):
                // Thousands separators only where they group digits by three: "12,50" read with '.' must not become 1250.
                var comma = profile.DecimalSeparator == ",";
                var grouped = comma ? GroupedWithComma().IsMatch(value) : GroupedWithPoint().IsMatch(value);
                var number = !grouped ? null : comma
                    ? value.Replace(" ", "").Replace("\u00A0", "").Replace(".", "").Replace(',', '.')
                    : value.Replace(",", "");
                return decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    ? (amount.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"'{Shorten(value)}' is not an amount with '{profile.DecimalSeparator}' as the decimal separator");
            default:
                return (value, null);
        }
    }

    /// <summary>"Other (phone, health club, etc.)" → "other-phone-health-club-etc": a stable code from free text.</summary>
    public static string Slugify(string value)
    {
        var slug = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is 'ł' or 'Ł') slug.Append('l'); // has no decomposed form
            else if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().TrimEnd('-');
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?(\d+|\d{1,3}([ .\u00A0]\d{3})+)(,\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex GroupedWithComma();

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")]
    private static partial System.Text.RegularExpressions.Regex GroupedWithPoint();

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
