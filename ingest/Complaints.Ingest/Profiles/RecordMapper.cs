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
public sealed partial class RecordMapper
{
    private readonly MappingProfile _profile;
    private readonly ColumnPlan[] _plan;

    /// <summary>
    /// What a profile says about one canonical column, worked out once rather than per record: its field, the source
    /// column(s) a problem names, and for dates the local formats and whether ISO text is accepted.
    /// </summary>
    private sealed record ColumnPlan(FeedColumn Column, FieldMap? Field, string SourceColumn, string[] Formats, bool AcceptsIso, string[] LocalFormats);

    public RecordMapper(MappingProfile profile)
    {
        _profile = profile;
        _plan = profile.Layout.Columns.Select(column =>
        {
            var field = profile.Fields.GetValueOrDefault(column.Name);
            var formats = field?.Formats ?? profile.DateFormats;
            return new ColumnPlan(column, field, field is null ? "" : field.Column ?? string.Join("+", field.Columns ?? field.HashOf ?? []),
                formats, formats.Contains("iso"), formats.Where(f => f != "iso").ToArray());
        }).ToArray();
    }

    public string?[] Map(SourceRecord record, long recordIndex, List<MappingProblem> problems)
    {
        var row = new string?[_plan.Length];
        for (var i = 0; i < row.Length; i++)
        {
            var plan = _plan[i];
            if (plan.Field is not { } field)
            {
                row[i] = plan.Column.Name == "source" ? _profile.Source : null;
                continue;
            }
            var value = Read(field, record);
            if (string.IsNullOrWhiteSpace(value))
                value = field.Default;
            else
                value = Translate(field, value.Trim());

            if (string.IsNullOrWhiteSpace(value))
            {
                if (plan.Column.Required)
                    problems.Add(new MappingProblem(recordIndex, plan.Column.Name, plan.SourceColumn, $"a value is required ({plan.Column.Name}), and the source's is blank"));
                continue;
            }
            var (converted, reason) = ConvertValue(plan, value);
            if (reason is not null)
                problems.Add(new MappingProblem(recordIndex, plan.Column.Name, plan.SourceColumn, reason));
            row[i] = converted;
        }
        return row;
    }

    private string? Read(FieldMap field, SourceRecord record)
    {
        if (field.Constant is not null) return field.Constant;
        if (field.Column is not null) return record.Values.GetValueOrDefault(field.Column);
        if (field.Columns is not null)
            return string.Join(field.Join, field.Columns.Select(c => record.Values.GetValueOrDefault(c)?.Trim())
                .Where(v => !string.IsNullOrEmpty(v)).Select(v => field.Slug ? Slugify(v!) : v));
        // Unit separator between values: ("ab", "c") and ("a", "bc") must not hash alike.
        var key = string.Join('\u001F', field.HashOf!.Select(c => record.Values.GetValueOrDefault(c)?.Trim() ?? ""));
        if (!_derivedIds.TryGetValue(key, out var id))
        {
            id = DerivedId(key);
            if (_derivedIds.Count < DerivedIdsKept)
                _derivedIds[key] = id;
        }
        return field.Prefix + id;
    }

    // A customer named on many records is hashed once: SHA-256 was a third of mapping a million complaints.
    private const int DerivedIdsKept = 250_000;
    private readonly Dictionary<string, string> _derivedIds = new(StringComparer.Ordinal);

    /// <summary>The first 20 hex digits of the key's SHA-256: stable across runs, so a source without ids updates its records.</summary>
    private static string DerivedId(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash[..10]);
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

    private (string? Value, string? Reason) ConvertValue(ColumnPlan plan, string value)
    {
        var column = plan.Column;
        switch (column.DuckDbType)
        {
            case "TIMESTAMPTZ" or "DATE":
                if (plan.Formats.Length == 0) return (value, null); // already canonical; the loader checks it
                if (plan.AcceptsIso && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                    && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > 10))
                    return (column.DuckDbType == "DATE" ? IsoText.Date(DateOnly.FromDateTime(instant.DateTime)) : IsoText.Instant(instant), null);
                if (plan.LocalFormats.Length > 0 && DateTime.TryParseExact(value, plan.LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var time))
                {
                    if (column.DuckDbType == "DATE") return (IsoText.Date(DateOnly.FromDateTime(time)), null);
                    return (IsoText.Instant(LocalTime.ToInstant(time, _profile.Zone)), null);
                }
                return (null, $"'{Shorten(value)}' does not match the date format {string.Join(" or ", plan.Formats)}");
            case var t when t.StartsWith("DECIMAL", StringComparison.Ordinal):
                // Thousands separators only where they group digits by three: "12,50" read with '.' must not become 1250.
                var comma = _profile.DecimalSeparator == ",";
                var grouped = comma ? GroupedWithComma().IsMatch(value) : GroupedWithPoint().IsMatch(value);
                var number = !grouped ? null : comma
                    ? value.Replace(" ", "").Replace("\u00A0", "").Replace(".", "").Replace(',', '.')
                    : value.Replace(",", "");
                return decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    ? (amount.ToString(CultureInfo.InvariantCulture), null)
                    : (null, $"'{Shorten(value)}' is not an amount with '{_profile.DecimalSeparator}' as the decimal separator");
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
