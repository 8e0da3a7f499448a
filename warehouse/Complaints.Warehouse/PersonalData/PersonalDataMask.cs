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
    public static string? Text(string? text, IReadOnlyList<string> terms) => Pattern(terms) is { } pattern ? Text(text, pattern) : text;

    /// <summary>
    /// Free text with every match of a mask <paramref name="pattern"/> replaced. Twice: a match takes the character after
    /// it, so of two terms one space apart ("Nowak Zofia") one pass masks only the first.
    /// </summary>
    public static string? Text(string? text, string pattern)
    {
        if (text is null)
            return null;
        for (var pass = 0; pass < Passes; pass++)
            text = Regex.Replace(text, pattern, "$1***$3", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return text;
    }

    /// <summary>How often a mask pattern is applied (in .NET and in DuckDB alike): enough for adjacent terms.</summary>
    public const int Passes = 2;

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

/// <summary>The words that name one person in free text, and the pattern (<see cref="PersonalDataMask.Pattern"/>) that masks them.</summary>
public sealed record PersonMask(IReadOnlyList<string> Terms, string Pattern);
