using System.Globalization;
using System.Text;

namespace Complaints.Demo;

internal sealed record DemoCustomer(
    string Id, string Segment, string Country, string Language, string FirstName, string Name, string Email, string Phone)
{
    public bool WritesPolish => Language == "pl";
}

/// <summary>
/// Customers are numbered; every trait follows from a hash of (seed, number), so a customer who complains
/// twice looks the same both times without a customer table in memory. Names, e-mails (reserved example
/// domains) and phone numbers (fictional ranges) are obviously fake.
/// </summary>
internal static class DemoCustomers
{
    private sealed record Country(string Code, string[] FirstNames, string[] LastNames, string[] CompanyForms, string PhonePrefix);

    private static readonly Country Poland = new("PL",
        ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Joanna", "Magdalena", "Ewa", "Zofia", "Żaneta", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Łukasz", "Grzegorz", "Jędrzej"],
        ["Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Kaczmarek", "Zając", "Król", "Wieczorek", "Dudek", "Wróbel", "Pawlak", "Michalak", "Sikora", "Baran", "Szewczyk", "Gołąb"],
        ["{0} Sp. z o.o.", "Hurtownia {0}, Sp. j.", "PHU {0}"],
        "+48 555");

    private static readonly Country Germany = new("DE",
        ["Hans", "Jürgen", "Lukas", "Anna", "Sören", "Katrin"],
        ["Müller", "Schmidt", "Schröder", "Weiß", "Köhler", "Becker"],
        ["{0} GmbH", "{0} & Partner KG"],
        "+49 555");

    private static readonly Country Czechia = new("CZ",
        ["Jiří", "Tomáš", "Lucie", "Petra", "Jan", "Kateřina"],
        ["Dvořák", "Novák", "Svoboda", "Černý", "Procházka", "Kučera"],
        ["{0} s.r.o."],
        "+420 555");

    private static readonly Country Britain = new("GB",
        ["Oliver", "Emily", "James", "Charlotte", "Harry", "Sophie"],
        ["Smith", "Jones", "Taylor", "Brown", "O'Connor", "Wilson"],
        ["{0} & Sons Ltd", "{0} Trading Ltd"],
        "+44 7700 900");

    private static readonly string[] MailDomains = ["example.com", "example.org", "example.net"];

    public static DemoCustomer Get(int seed, int number)
    {
        var hash = DemoRandom.Hash(seed, number);
        int Take(int modulus)
        {
            var value = (int)(hash % (ulong)modulus);
            hash /= (ulong)modulus;
            return value;
        }

        var segmentRoll = Take(100);
        var segment = segmentRoll < 10 ? DemoCodes.Segment.Vip : segmentRoll < 25 ? DemoCodes.Segment.Business : DemoCodes.Segment.Standard;
        var countryRoll = Take(100);
        var country = countryRoll < 85 ? Poland : countryRoll < 92 ? Germany : countryRoll < 96 ? Czechia : Britain;
        var language = country == Poland && Take(100) >= 4 ? "pl" : "en";

        var firstName = country.FirstNames[Take(country.FirstNames.Length)];
        var lastName = country.LastNames[Take(country.LastNames.Length)];
        var domain = MailDomains[Take(MailDomains.Length)];
        var isCompany = segment == DemoCodes.Segment.Business;
        var name = isCompany
            ? string.Format(CultureInfo.InvariantCulture, country.CompanyForms[Take(country.CompanyForms.Length)], lastName)
            : $"{firstName} {lastName}";
        var mailbox = isCompany ? $"biuro.{Ascii(lastName)}{number}" : $"{Ascii(firstName)}.{Ascii(lastName)}{number % 1000}";
        var phone = country == Britain
            ? $"{country.PhonePrefix}{Take(1000):D3}"
            : $"{country.PhonePrefix} {Take(1000):D3} {Take(1000):D3}";

        return new DemoCustomer(
            "K-" + number.ToString("D6", CultureInfo.InvariantCulture),
            segment, country.Code, language, firstName, name, $"{mailbox}@{domain}", phone);
    }

    /// <summary>Lower-case ASCII for an e-mail local part: letters with diacritics lose them, other marks go.</summary>
    private static string Ascii(string name)
    {
        var ascii = new StringBuilder(name.Length + 2);
        foreach (var c in name.ToLowerInvariant())
        {
            var plain = c switch
            {
                'ą' or 'á' => "a", 'ć' or 'č' => "c", 'ę' or 'é' or 'ě' => "e", 'ł' => "l", 'ń' => "n",
                'ó' => "o", 'ö' => "oe", 'ś' or 'š' => "s", 'ź' or 'ż' or 'ž' => "z", 'ü' or 'ů' or 'ú' => "u",
                'ä' => "ae", 'ß' => "ss", 'ř' => "r", 'í' => "i", 'ý' => "y", 'ď' => "d", 'ť' => "t", 'ň' => "n",
                _ when c is >= 'a' and <= 'z' => c.ToString(),
                _ => "",
            };
            ascii.Append(plain);
        }
        return ascii.ToString();
    }
}
