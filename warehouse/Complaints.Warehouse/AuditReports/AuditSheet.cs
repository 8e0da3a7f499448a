namespace Complaints.Warehouse.AuditReports;

/// <summary>The data sheets of an audit report, in the order the report holds them.</summary>
public enum AuditSheet { Register, Statutory, SlaBreaches, AccessLog, Lineage, Runs, RollBacks }
