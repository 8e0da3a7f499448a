using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>How the source file is read: its format, and for delimited text its delimiter, encoding and title lines.</summary>
public sealed record SourceFormat
{
    /// <summary><c>csv</c> (any delimited text), <c>jsonl</c>, <c>xlsx</c>, <c>parquet</c> or <c>arrow</c> (Arrow IPC).</summary>
    public string Type { get; init; } = "csv";
    /// <summary><c>,</c>, <c>;</c> or a tab; detected when not set.</summary>
    public string? Delimiter { get; init; }
    /// <summary>The encoding used when the file is not valid UTF-8: <c>windows-1250</c> (default) or <c>iso-8859-2</c>.</summary>
    public string? Encoding { get; init; }
    /// <summary>Lines above the header (report titles); when not set, the header is the first line naming every mapped column.</summary>
    public int? SkipLines { get; init; }
    /// <summary>For .xlsx: the sheet to read; the first one when not set.</summary>
    public string? Sheet { get; init; }
}

/// <summary>How one canonical field is filled. Exactly one of <see cref="Column"/>, <see cref="Columns"/>, <see cref="Constant"/> or <see cref="HashOf"/>.</summary>
public sealed record FieldMap
{
    public string? Column { get; init; }
    /// <summary>Several source columns joined with <see cref="Join"/>; blank parts are left out.</summary>
    public string[]? Columns { get; init; }
    public string Join { get; init; } = "/";
    public string? Constant { get; init; }
    /// <summary>A stable id for sources without one: a hash of these columns' values.</summary>
    public string[]? HashOf { get; init; }
    public string? Prefix { get; init; }
    /// <summary>The value used when the source value is blank.</summary>
    public string? Default { get; init; }
    /// <summary>Source value → canonical value; matched exactly, then ignoring case.</summary>
    public Dictionary<string, string>? Values { get; init; }
    /// <summary>The value for a source value not in <see cref="Values"/>; without it the value passes through (code lists are open).</summary>
    public string? Otherwise { get; init; }
    /// <summary>Lower-case the value and turn runs of anything but letters and digits into '-'.</summary>
    public bool Slug { get; init; }
    /// <summary>Date/time formats (.NET custom formats, or <c>iso</c>) for this field; the profile's <c>dateFormats</c> otherwise.</summary>
    public string[]? Formats { get; init; }

    [JsonIgnore]
    public IEnumerable<string> SourceColumns => (Column is null ? [] : new[] { Column }).Concat(Columns ?? []).Concat(HashOf ?? []);
}

/// <summary>
/// A mapping profile: how files of one source reach a canonical feed layout. Read and validated with
/// <see cref="Read"/>; every message names the JSON path of what is wrong.
/// </summary>
public sealed record MappingProfile
{
    public string Feed { get; init; } = "";
    /// <summary>The source system's name, written to the <c>source</c> field unless a field map fills it.</summary>
    public string? Source { get; init; }
    public SourceFormat Format { get; init; } = new();
    /// <summary>IANA id of the zone the source's local times are in.</summary>
    public string? TimeZone { get; init; }
    public string[] DateFormats { get; init; } = [];
    /// <summary><c>.</c> or <c>,</c> (then spaces are taken as thousands separators).</summary>
    public string DecimalSeparator { get; init; } = ".";
    /// <summary>Keyed by canonical field: one source column may feed several fields, and one field may be built from several columns.</summary>
    public Dictionary<string, FieldMap> Fields { get; init; } = [];
    /// <summary>
    /// For a complaints source without a product master of its own: how each complaint's product is named, keyed by
    /// field of the products feed (<c>name</c>, <c>product_line</c>, <c>category</c>). The SKU is the complaint's
    /// <c>product_sku</c>. These masters are dated 1970-01-01, so a products feed that delivers the SKU always wins.
    /// </summary>
    public Dictionary<string, FieldMap>? Products { get; init; }

    /// <summary>The <see cref="Products"/> section as a products profile over the same source records; null without one.</summary>
    [JsonIgnore] public MappingProfile? ProductsProfile { get; private set; }

    /// <summary>When a master filled by a profile was "updated": before any real product master.</summary>
    public const string ProfileProductsUpdatedAt = "1970-01-01T00:00:00Z";

    [JsonIgnore] public FeedLayout Layout { get; private set; } = FeedLayouts.Complaints;
    [JsonIgnore] public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    [JsonIgnore] public string Name { get; private set; } = "";

    /// <summary>Every source column the profile reads: a file without one of them does not fit.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SourceColumns => Fields.Values.SelectMany(f => f.SourceColumns).Distinct(StringComparer.Ordinal).ToList();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] Delimiters = [",", ";", "\t"];
    private static readonly string[] Encodings = ["utf-8", "windows-1250", "iso-8859-2"];
    private static readonly string[] Types = ["csv", "jsonl", "xlsx", "parquet", "arrow"];

    static MappingProfile() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads and validates a profile file; a bad one throws <see cref="FileRejectedException"/> naming the file and the JSON path.</summary>
    public static MappingProfile Read(string path)
    {
        var fileName = System.IO.Path.GetFileName(path);
        MappingProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<MappingProfile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new FileRejectedException($"Mapping profile {fileName}: {e.Path ?? "$"}: {FirstSentence(e.Message)}");
        }
        if (profile is null)
            throw new FileRejectedException($"Mapping profile {fileName}: $: the file holds no profile object.");
        var problems = profile.Validate();
        if (problems.Count > 0)
            throw new FileRejectedException($"Mapping profile {fileName} is not valid: {string.Join("; ", problems)}.");
        profile.Name = System.IO.Path.GetFileNameWithoutExtension(path);
        if (profile.ProductsProfile is { } products)
            products.Name = profile.Name + " (products)";
        return profile;
    }

    /// <summary>The encoding for a file that is not valid UTF-8.</summary>
    [JsonIgnore]
    public Encoding FallbackEncoding => System.Text.Encoding.GetEncoding(Format.Encoding is null or "utf-8" ? "windows-1250" : Format.Encoding);

    private List<string> Validate()
    {
        var problems = new List<string>();
        if (FeedLayouts.Find(Feed) is not { } layout)
        {
            problems.Add($"$.feed: '{Feed}' is not a feed; one of {string.Join(", ", FeedLayouts.All.Select(f => f.Name))}");
            return problems;
        }
        Layout = layout;
        if (!Types.Contains(Format.Type))
            problems.Add($"$.format.type: '{Format.Type}' is not supported; one of {string.Join(", ", Types)}");
        if (Format.Delimiter is { } d && !Delimiters.Contains(d))
            problems.Add("$.format.delimiter: must be \",\", \";\" or \"\\t\"");
        if (Format.Encoding is { } enc && !Encodings.Contains(enc.ToLowerInvariant()))
            problems.Add($"$.format.encoding: '{enc}' is not supported; one of {string.Join(", ", Encodings)}");
        if (Format.SkipLines is < 0)
            problems.Add("$.format.skipLines: must be 0 or more");
        if (DecimalSeparator is not ("." or ","))
            problems.Add("$.decimalSeparator: must be \".\" or \",\"");
        if (TimeZone is not null)
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)) Zone = zone;
            else problems.Add($"$.timeZone: '{TimeZone}' is not a known IANA time zone id (e.g. Europe/Warsaw)");
        }
        CheckFormats(DateFormats, "$.dateFormats", problems);

        foreach (var (name, field) in Fields)
        {
            var at = $"$.fields.{name}";
            if (layout.Columns.FirstOrDefault(c => c.Name == name) is not { } column)
            {
                problems.Add($"{at}: '{name}' is not a field of the {layout.Name} feed (docs/feeds.md)");
                continue;
            }
            var sources = new[] { field.Column is not null, field.Columns is not null, field.Constant is not null, field.HashOf is not null }.Count(x => x);
            if (sources != 1)
                problems.Add($"{at}: give exactly one of column, columns, constant or hashOf");
            if (field.Columns is { Length: 0 }) problems.Add($"{at}.columns: name at least one column");
            if (field.HashOf is { Length: 0 }) problems.Add($"{at}.hashOf: name at least one column");
            if (field.Formats is not null)
            {
                if (column.DuckDbType is not ("TIMESTAMPTZ" or "DATE"))
                    problems.Add($"{at}.formats: '{name}' is not a date or time field");
                CheckFormats(field.Formats, $"{at}.formats", problems);
            }
            if (column.DuckDbType == "TIMESTAMPTZ" && (field.Formats ?? DateFormats).Any(f => f != "iso") && TimeZone is null && field.Column is not null)
                problems.Add($"$.timeZone: '{name}' is read with a local date format, so the profile needs the source's time zone");
        }
        var unmapped = layout.RequiredColumns
            .Where(c => !Fields.ContainsKey(c) && !(c == "source" && Source is not null))
            .ToList();
        if (unmapped.Count > 0)
            problems.Add($"$.fields: required field(s) {string.Join(", ", unmapped)} are not mapped");
        if (Products is not null)
            problems.AddRange(ValidateProducts(layout));
        return problems;
    }

    private IEnumerable<string> ValidateProducts(FeedLayout layout)
    {
        if (layout != FeedLayouts.Complaints || !Fields.TryGetValue("product_sku", out var sku))
            return ["$.products: only a complaints profile that maps product_sku can fill product masters"];
        if (Products!.Keys.FirstOrDefault(k => k is "sku" or "updated_at") is { } taken)
            return [$"$.products.{taken}: set by the platform (the complaint's product_sku, and {ProfileProductsUpdatedAt}); leave it out"];
        var products = this with
        {
            Feed = FeedLayouts.Products.Name,
            Products = null,
            Fields = new Dictionary<string, FieldMap>(Products)
            {
                ["sku"] = sku,
                ["updated_at"] = new FieldMap { Constant = ProfileProductsUpdatedAt, Formats = ["iso"] },
            },
        };
        ProductsProfile = products;
        return products.Validate().Select(p => p.Replace("$.fields", "$.products", StringComparison.Ordinal));
    }

    private static void CheckFormats(string[] formats, string at, List<string> problems)
    {
        var sample = new DateTime(2024, 12, 31, 23, 59, 58);
        for (var i = 0; i < formats.Length; i++)
        {
            if (formats[i] == "iso") continue;
            try
            {
                var text = sample.ToString(formats[i], CultureInfo.InvariantCulture);
                if (!DateTime.TryParseExact(text, formats[i], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    problems.Add($"{at}[{i}]: '{formats[i]}' cannot be read back as a date");
            }
            catch (FormatException)
            {
                problems.Add($"{at}[{i}]: '{formats[i]}' is not a valid date format (e.g. dd.MM.yyyy HH:mm, MM/dd/yyyy, iso)");
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.Split('\n')[0];
    }
}
