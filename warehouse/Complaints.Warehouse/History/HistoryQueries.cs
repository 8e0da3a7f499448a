using Complaints.Warehouse.Overview;
using Microsoft.Extensions.Options;

namespace Complaints.Warehouse.History;

/// <summary>Complaints per product as the warehouse knew them at <see cref="AsOf"/>.</summary>
public sealed record ComplaintsPerProductAsOf(DateTimeOffset AsOf, IReadOnlyList<ProductCount> Products, long Total);

/// <summary>
/// Figures as of a past instant: complaints as the warehouse knew them then — of each complaint's versions, the one
/// written by the latest run that had finished by that instant; rolled-back runs never count. The shared filters apply
/// to those versions (their dates, product, channel, status); product lines, segments and countries are read as they are now.
/// </summary>
public sealed class HistoryQueries(WarehouseDatabase warehouse, IOptions<ReportingOptions> reporting)
{
    public ComplaintsPerProductAsOf ComplaintsPerProduct(DateTimeOffset asOf, ComplaintFilter filter)
    {
        using var connection = warehouse.OpenConnection();
        var sql = Sql.Load(typeof(HistoryQueries).Assembly, "History.ComplaintsPerProductAsOf.sql");
        var products = connection.QueryFiltered(sql, filter, reporting.Value, r => new ProductCount(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)),
            ("as_of", asOf.ToUniversalTime()));
        return new ComplaintsPerProductAsOf(asOf, products, products.Sum(p => p.Complaints));
    }
}
