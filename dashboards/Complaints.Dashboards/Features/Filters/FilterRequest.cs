using Complaints.Warehouse;

namespace Complaints.Dashboards.Features.Filters;

/// <summary>
/// The shared filters a request asks for, read from its query string by <see cref="ComplaintFilter.FromQuery"/>:
/// pages and API take the same names (see <see cref="ComplaintFilter.Fields"/>), so a page's address and its API call
/// narrow the data the same way. An endpoint takes it as a parameter; a field that cannot be read is a 400 saying what to fix.
/// </summary>
public sealed record FilterRequest(ComplaintFilter Filter, FilterError? Error)
{
    public static FilterRequest From(IQueryCollection query) =>
        new(ComplaintFilter.FromQuery(name => query.TryGetValue(name, out var values) ? values.ToString() : null, out var error), error);

    /// <summary>Minimal APIs bind a parameter of this type through this method.</summary>
    public static ValueTask<FilterRequest?> BindAsync(HttpContext context) => ValueTask.FromResult<FilterRequest?>(From(context.Request.Query));

    /// <summary>An API's answer: the figures for these filters, or 400 saying what to fix.</summary>
    public async Task<IResult> AnswerAsync<T>(Func<ComplaintFilter, Task<T>> figures) =>
        Error is null
            ? TypedResults.Ok(await figures(Filter))
            : TypedResults.Problem(title: "Invalid filter", detail: FilterWords.Error(Error), statusCode: StatusCodes.Status400BadRequest);
}
