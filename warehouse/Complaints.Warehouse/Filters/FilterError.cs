namespace Complaints.Warehouse;

/// <summary>Why a filter could not be read: which field, the text it was given, and (for a reversed period) the other bound.</summary>
public sealed record FilterError(FilterProblem Problem, string Field, string Value, string? Other = null);

public enum FilterProblem { NotADay, NotAFlag, NotABreach, NotAnAgeBucket, NotAnInstant, FromAfterTo }
