using Complaints.Testing;
using Complaints.Warehouse.ComplaintList;
using Complaints.Warehouse.PersonalData;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.Tests.ComplaintList;

/// <summary>
/// The list's excerpts and search as a reader without the personal-data permission meets them: a complaint's text is
/// masked by its own customer's names and contacts (current and kept), and a search finds nothing through them.
/// </summary>
public sealed class MaskedSearchTests : IAsyncLifetime
{
    private TempWarehouse _warehouse = null!;
    private ComplaintListQueries _queries = null!;

    public async Task InitializeAsync()
    {
        _warehouse = await TempWarehouse.CreateAsync();
        _queries = new ComplaintListQueries(_warehouse.Database, Options.Create(new ReportingOptions()), _warehouse.Time);
        using var connection = _warehouse.Database.OpenConnection();
        Complaint(connection, "C1", "K-1", "Nowak Zofia writes: the lid broke. Call +48 500 600 700 or zofia.old@example.com.");
        Complaint(connection, "C2", "K-2", "My neighbour Zofia Nowak has the same kettle; its lid broke too.");
        Complaint(connection, "C3", "K-3", new string('x', 150) + " signed Jan Kowalski");
        connection.Execute("""
            INSERT INTO customer_personal VALUES
                ('test', 'K-1', 'Zofia Nowak', 'zofia@example.com', '+48 500 600 700', TIMESTAMPTZ '2025-03-01 00:00:00+00', 0),
                ('test', 'K-3', 'Jan Kowalski', 'jan@example.com', NULL, TIMESTAMPTZ '2025-03-01 00:00:00+00', 0);
            -- K-1's earlier e-mail, kept for history
            INSERT INTO customer_personal_versions VALUES
                ('test', 'K-1', 'Zofia Nowak', 'zofia.old@example.com', NULL, TIMESTAMPTZ '2025-01-01 00:00:00+00', 0, TIMESTAMPTZ '2025-03-01 00:00:00+00', 0);
            """);
    }

    private static void Complaint(DuckDB.NET.Data.DuckDBConnection connection, string id, string customer, string description) => connection.Execute("""
        INSERT INTO complaints (source, external_id, updated_at, received_at, status, product_sku, description, customer_id, run_id)
        VALUES ('test', $id, TIMESTAMPTZ '2025-03-03 09:00:00+00', TIMESTAMPTZ '2025-03-03 09:00:00+00', 'new', 'HA-0001', $description, $customer, 0)
        """, ("id", id), ("description", description), ("customer", customer));

    public Task DisposeAsync()
    {
        _warehouse.Dispose();
        return Task.CompletedTask;
    }

    private List<string> Found(string search, bool personalData) =>
        _queries.Page(ComplaintFilter.All, search, ComplaintSort.Received, descending: false, offset: 0, limit: 10, personalData).Select(c => c.ExternalId).Order().ToList();

    [Fact]
    public void Every_excerpt_is_masked_by_its_own_customer_even_where_the_excerpt_cuts_the_name()
    {
        var items = _queries.Page(ComplaintFilter.All, null, ComplaintSort.Received, descending: false, offset: 0, limit: 10).ToDictionary(c => c.ExternalId);

        Assert.Equal("*** *** writes: the lid broke. Call *** or ***.", items["C1"].Description);
        Assert.Equal("My neighbour Zofia Nowak has the same kettle; its lid broke too.", items["C2"].Description); // not K-2's own name
        Assert.Equal(new string('x', 150) + " signed **", items["C3"].Description); // the masked name, cut; never "signed Ja"
        Assert.Equal(ComplaintListQueries.ExcerptLength, items["C3"].Description!.Length);
    }

    [Theory]
    [InlineData("Nowak")]
    [InlineData("zofia@example.com")]
    [InlineData("zofia.old@example")]
    [InlineData("500 600 700")]
    [InlineData("Kowalski")]
    public void Without_the_permission_a_persons_name_or_contact_finds_none_of_their_own_complaints(string search)
    {
        var found = Found(search, personalData: false);

        Assert.DoesNotContain("C1", found);
        Assert.DoesNotContain("C3", found);
        Assert.Equal(found.Count, _queries.Count(ComplaintFilter.All, search));
        Assert.Equal(found.Count, _queries.CountAndPage(ComplaintFilter.All, search, ComplaintSort.Received, false, 0, 10).Count);
    }

    [Fact]
    public void Words_that_are_not_the_persons_still_find_their_complaints_and_holders_of_the_permission_find_everything()
    {
        Assert.Equal(["C1", "C2"], Found("lid broke", personalData: false));
        Assert.Equal(["C2"], Found("Nowak", personalData: false)); // the neighbour's text is not masked by K-1's name
        Assert.Equal(["C1", "C2"], Found("Nowak", personalData: true));
        Assert.Equal(["C1"], Found("500 600 700", personalData: true));
        Assert.Equal([("test", "K-1")], _queries.PeopleNamedBy("zofia.old"));
    }

    [Fact]
    public void A_text_themes_words_that_name_someone_are_found_so_they_can_be_masked()
    {
        var store = new PersonalDataStore(_warehouse.Database, _warehouse.Time);

        var names = store.NamesAmong(["lid", "nowak", "Kowalski", "broke", "zofia.old@example.com", "leaking"]);

        Assert.Equal(["Kowalski", "nowak", "zofia.old@example.com"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_masks_in_DuckDB_and_in_NET_agree()
    {
        var mask = new PersonalDataStore(_warehouse.Database, _warehouse.Time).MaskPatterns([("test", "K-1")])[("test", "K-1")];
        using var connection = _warehouse.Database.OpenConnection();
        var description = connection.Scalar<string>("SELECT description FROM complaints WHERE external_id = 'C1'");

        // The search reads the DuckDB side: "writes" stays after masking, so it still finds C1; "Zofia" does not.
        Assert.Equal(["C1"], Found("writes", personalData: false));
        Assert.Equal("*** *** writes: the lid broke. Call *** or ***.", PersonalDataMask.Text(description, mask.Pattern));
        Assert.Equal(PersonalDataMask.Text(description, mask.Pattern), connection.Scalar<string>(
            "SELECT regexp_replace(regexp_replace($t, $p, '\\1***\\3', 'gi'), $p, '\\1***\\3', 'gi')", ("t", description), ("p", mask.Pattern)));
    }
}
