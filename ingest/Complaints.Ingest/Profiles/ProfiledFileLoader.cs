using Complaints.Ingest.Feeds;
using Complaints.Ingest.Loading;

namespace Complaints.Ingest.Profiles;

/// <summary>
/// Loads a file in a source's own layout: its reader turns it into records, the profile maps each record to a
/// canonical row, the rows are written as a canonical CSV, and <see cref="CanonicalFileLoader"/> loads that, so
/// checks, quarantine, merge, idempotency and lineage stay in one place. Problems name the source file and its lines.
/// </summary>
public sealed class ProfiledFileLoader(CanonicalFileLoader loader)
{
    /// <summary>The folder shipped profiles are copied to, beside the program.</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "profiles");

    /// <summary>A shipped profile by name (<c>cfpb-complaints</c>), or null when there is none of that name.</summary>
    public static string? FindShipped(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && File.Exists(Path.Combine(ShippedFolder, name + ".json"))
            ? Path.Combine(ShippedFolder, name + ".json")
            : null;

    /// <summary>
    /// A file that does not fit the profile (columns missing, not readable) stores nothing but a rejected run, which names
    /// what is missing; the result says so as for any rejected file.
    /// </summary>
    public async Task<LoadResult> LoadAsync(string path, MappingProfile profile, CancellationToken cancellationToken = default, IProgress<int>? steps = null)
    {
        var folder = Directory.CreateTempSubdirectory("complaints-mapped-");
        try
        {
            var canonical = Path.Combine(folder.FullName, Path.GetFileNameWithoutExtension(path) + ".canonical.csv");
            var productsCanonical = Path.Combine(folder.FullName, Path.GetFileNameWithoutExtension(path) + ".products.csv");
            MappedSource mapped;
            MappedSource? mappedProducts;
            try
            {
                (mapped, mappedProducts) = WriteCanonical(path, profile, canonical, productsCanonical, cancellationToken);
            }
            catch (FileRejectedException e)
            {
                return await loader.RejectAsync(path, profile.Layout, e.Message, e.Missing, cancellationToken);
            }
            // The masters first, so every figure of the complaints' load already names their products.
            var products = mappedProducts is null ? null
                : await loader.LoadAsync(productsCanonical, FeedLayouts.Products, cancellationToken: cancellationToken, mapped: mappedProducts);
            var complaints = await loader.LoadAsync(canonical, profile.Layout, cancellationToken: cancellationToken, steps: steps, mapped: mapped);
            return complaints with { Products = products };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Maps every record of the source into a canonical CSV, and when the profile fills product masters, one master per
    /// SKU (its first record) into <paramref name="productsPath"/>; throws <see cref="FileRejectedException"/> when the
    /// file does not fit the profile.
    /// </summary>
    public static (MappedSource Records, MappedSource? Products) WriteCanonical(
        string path, MappingProfile profile, string canonicalPath, string? productsPath = null, CancellationToken cancellationToken = default)
    {
        var reader = SourceReaders.Open(path, profile);
        var missing = profile.SourceColumns.Concat(profile.ProductsProfile?.SourceColumns ?? []).Distinct().Where(c => !reader.Columns.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new FileRejectedException($"{Path.GetFileName(path)} does not fit profile {profile.Name}: missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}.", missing);

        var mapper = new RecordMapper(profile);
        var lines = new List<long>();
        var problems = new List<MappingProblem>();
        using var writer = new CsvRowWriter(canonicalPath, profile.Layout);
        using var products = profile.ProductsProfile is { } productsProfile && productsPath is not null ? new ProductMasters(productsProfile, productsPath) : null;
        foreach (var record in reader.Records())
        {
            if (lines.Count % 10_000 == 0) cancellationToken.ThrowIfCancellationRequested();
            if (record.Misfit is { } misfit)
                problems.Add(new MappingProblem(lines.Count, "", "", misfit));
            foreach (var value in mapper.Map(record, lines.Count, problems))
                writer.Text(value);
            writer.EndRow();
            products?.Add(record);
            lines.Add(record.Line);
        }
        return (new MappedSource(Path.GetFileName(path), lines, problems), products?.Mapped(Path.GetFileName(path)));
    }
}
