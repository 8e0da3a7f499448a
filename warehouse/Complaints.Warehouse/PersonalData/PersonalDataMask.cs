using System.Text;
using System.Text.RegularExpressions;

namespace Complaints.Warehouse.PersonalData;

/// <summary>How names, e-mails and phones look to a reader without the personal-data permission: <c>A*** K***</c>, <c>a***@example.com</c>, <c>*** 567</c>.</summary>
public static class PersonalDataMask
{
    public const string Erased = "[erased]";

    public static string? Name(string? name) => name is null ? null
        : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(part => $"{part[0]}***"));

    public static string? Email(string? email) => email?.IndexOf('@') is > 0 and var at ? $"{email[0]}***{email[at..]}" : email is null ? null : "***";

    public static string? Phone(string? phone)
    {
        if (phone is null)
            return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length <= 3 ? "***" : $"*** {digits[^3..]}";
    }

    /// <summary>
    /// The words in free text that name a person: the whole name, each part of it of three letters or more, the e-mail,
    /// the phone as stored and as bare digits. Longest first, so a whole name goes before its parts.
    /// </summary>
    public static IReadOnlyList<string> Terms(IEnumerable<Person> people) => people
        .SelectMany(p => new[] { p.Name, p.Email, p.Phone, Digits(p.Phone) }
            .Concat((p.Name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(part => part.Length >= 3)))
        .Where(t => !string.IsNullOrWhiteSpace(t) && t!.Length >= 3)
        .Select(t => t!.Trim())
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .OrderByDescending(t => t.Length)
        .ToList();

    /// <summary>
    /// One pattern matching any of <paramref name="terms"/> outside a word, case-insensitive, in the RE2 syntax DuckDB
    /// and .NET share; group 1 and 3 keep what surrounds it. Null when there is nothing to match.
    /// </summary>
    public static string? Pattern(IReadOnlyList<string> terms) => terms.Count == 0 ? null
        : $"(^|[^\\p{{L}}\\p{{N}}@.])({string.Join('|', terms.Select(Escape))})($|[^\\p{{L}}\\p{{N}}])";

    /// <summary>Free text with every term replaced, for a reader without the permission.</summary>
    public static string? Text(string? text, IReadOnlyList<string> terms) =>
        text is null || Pattern(terms) is not { } pattern ? text
            : Regex.Replace(text, pattern, "$1***$3", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string? Digits(string? phone) => phone is null ? null : new string(phone.Where(char.IsAsciiDigit).ToArray()) is { Length: >= 6 } d ? d : null;

    private static string Escape(string term)
    {
        var escaped = new StringBuilder();
        foreach (var c in term)
        {
            if (@"\.^$|?*+()[]{}-/".Contains(c))
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}

/// <summary>One data subject's personal data as stored in <c>customer_personal</c>.</summary>
public sealed record Person(string Source, string CustomerId, string? Name, string? Email, string? Phone)
{
    public Person Masked() => this with { Name = PersonalDataMask.Name(Name), Email = PersonalDataMask.Email(Email), Phone = PersonalDataMask.Phone(Phone) };
}
