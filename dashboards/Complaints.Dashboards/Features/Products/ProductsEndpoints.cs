using Complaints.Dashboards.Access;
using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse.Products;

namespace Complaints.Dashboards.Features.Products;

/// <summary>The Products page's figures as JSON, with the page's filter names.</summary>
public static class ProductsEndpoints
{
    public static IEndpointRouteBuilder MapProductsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/products", (FilterRequest query, ProductsQueries queries, CancellationToken ct) =>
                query.AnswerAsync(filter => queries.GetAsync(filter, ct)))
            .WithTags("Products").RequireAuthorization(Policies.Dashboards);
        return app;
    }
}
