namespace Complaints.Reports.Charts;

/// <summary>The types a chart's column can have; each is one DuckDB type, so Parquet and Arrow carry the same one.</summary>
public enum ChartColumnType { Text, Integer, Real, Money, Date }

/// <summary>One column of a chart's data: a stable snake_case name (the same in every language) and its type.</summary>
public sealed record ChartColumn(string Name, ChartColumnType Type)
{
    public string SqlType => Type switch
    {
        ChartColumnType.Text => "VARCHAR",
        ChartColumnType.Integer => "BIGINT",
        ChartColumnType.Real => "DOUBLE",
        // Amounts in the reporting currency, to the cent, as the warehouse stores them.
        ChartColumnType.Money => "DECIMAL(18,2)",
        _ => "DATE",
    };

    public static ChartColumn Text(string name) => new(name, ChartColumnType.Text);
    public static ChartColumn Integer(string name) => new(name, ChartColumnType.Integer);
    public static ChartColumn Real(string name) => new(name, ChartColumnType.Real);
    public static ChartColumn Money(string name) => new(name, ChartColumnType.Money);
    public static ChartColumn Date(string name) => new(name, ChartColumnType.Date);
}
