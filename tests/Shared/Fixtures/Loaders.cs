using Complaints.Ingest;
using Complaints.Ingest.Loading;
using Complaints.Ingest.Profiles;
using Complaints.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Testing;

/// <summary>The real load path into a test warehouse, built as the host builds it.</summary>
public static class Loaders
{
    public static CanonicalFileLoader Loader(this TempWarehouse warehouse, double maxRejectedShare = 0.05) =>
        Loader(warehouse.Database, warehouse.Time, maxRejectedShare);

    public static CanonicalFileLoader Loader(WarehouseDatabase database, TimeProvider time, double maxRejectedShare = 0.05) =>
        new(database, time, NullLogger<CanonicalFileLoader>.Instance, Options.Create(new IngestOptions { MaxRejectedShare = maxRejectedShare }));

    public static ProfiledFileLoader ProfiledLoader(this TempWarehouse warehouse) => new(warehouse.Loader());

    public static RunRollback Rollback(this TempWarehouse warehouse) => new(warehouse.Database, warehouse.Time, NullLogger<RunRollback>.Instance);
}
