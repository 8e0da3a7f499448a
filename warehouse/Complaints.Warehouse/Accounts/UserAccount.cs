namespace Complaints.Warehouse.Accounts;

/// <summary>One account as stored (never its password hash).</summary>
public sealed record UserAccount(
    string UserName, string DisplayName, IReadOnlyList<string> Roles, bool PersonalData, bool HasPassword,
    int FailedSignIns, DateTimeOffset? LockedUntil, bool Disabled, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastSignInAt)
{
    /// <summary>Whether the account may act at <paramref name="now"/>: not locked by an administrator nor by failed sign-ins.</summary>
    public bool MayActAt(DateTimeOffset now) => !Disabled && (LockedUntil is null || LockedUntil <= now);
}

/// <summary>A user's or a feed's API token as stored (never the token itself).</summary>
public sealed record ApiToken(
    long Id, string? UserName, string? Feed, string Label, IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public bool Revoked => RevokedAt is not null;
}

public enum SignInOutcome { SignedIn, WrongPassword, LockedOut, Disabled }

public sealed record SignInResult(SignInOutcome Outcome, UserAccount? Account);

/// <summary>A change an account store refused, with what to fix.</summary>
public sealed class AccountException(string message) : Exception(message);
