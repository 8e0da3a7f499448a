using Complaints.Dashboards.Features.Filters;
using Complaints.Warehouse.Products;

namespace Complaints.Dashboards.Features.Products;

/// <summary>The Products page's figures as JSON, with the page's filter names.</summary>
public static class ProductsEndpoints
{
    public static IEndpointRouteBuilder MapProductsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/products", async ([AsParameters] FilterParameters query, ProductQueries queries, CancellationToken ct) =>
            query.TryParse(out var filter, out var error)
                ? Results.Ok(await queries.GetAsync(filter, ct))
                : TypedResults.Problem(title: "Invalid filter", detail: error, statusCode: StatusCodes.Status400BadRequest))
            .WithTags("Products");
        return app;
    }
}
