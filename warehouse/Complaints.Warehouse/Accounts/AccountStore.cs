using System.Collections.Concurrent;
using System.Data;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Complaints.Warehouse.Audit;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Identity;

namespace Complaints.Warehouse.Accounts;

/// <summary>
/// Accounts and API tokens in the warehouse (<c>users</c>, <c>api_tokens</c>). Passwords are hashed with ASP.NET Core
/// Identity's hasher, tokens with SHA-256 (they are long random secrets, so a slow hash buys nothing). Every change is
/// written to the audit log in the same transaction, naming who made it. Writes pass the writer gate as records
/// (<see cref="WarehouseDatabase.RecordAsync{T}"/>): they never make the pages recompute their figures.
/// </summary>
public sealed class AccountStore(WarehouseDatabase warehouse, TimeProvider time)
{
    public const string TokenPrefix = "cpt_";
    /// <summary>How often a token's last use is written at most: the page shows it to the minute.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private readonly PasswordHasher<string> _hasher = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastUseWritten = new();

    /// <summary>The audit action of a sign-in refused: wrong password, no such account, locked.</summary>
    public const string FailedSignInAction = "account.sign_in_failed";

    private const string UserColumns = "user_name, display_name, roles, personal_data, password_hash IS NOT NULL, failed_sign_ins, locked_until, disabled, created_at, created_by, last_sign_in_at";
    private const string TokenColumns = "token_id, user_name, feed, label, roles, created_at, created_by, last_used_at, revoked_at, revoked_by";

    public UserAccount? Find(string userName)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {UserColumns} FROM users WHERE user_name = $name", ReadUser, ("name", Normalise(userName))).SingleOrDefault();
    }

    public IReadOnlyList<UserAccount> List()
    {
        using var connection = warehouse.OpenConnection();
        return connection.QueryList($"SELECT {UserColumns} FROM users ORDER BY user_name", ReadUser);
    }

    public long Count()
    {
        using var connection = warehouse.OpenConnection();
        return connection.Scalar<long>("SELECT count(*) FROM users");
    }

    public Task<UserAccount> CreateUserAsync(string userName, string displayName, string? password, IReadOnlyList<string> roles, bool personalData, string actor,
        CancellationToken cancellationToken = default)
    {
        var name = Normalise(userName);
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            throw new AccountException($"User name '{userName}' must be 2–64 letters, digits, '.', '-', '_' or '@'.");
        CheckRoles(roles);
        if (password is not null)
            CheckPassword(password);
        return warehouse.RecordAsync(connection =>
        {
            if (connection.Scalar<long>("SELECT count(*) FROM users WHERE user_name = $name", ("name", name)) > 0)
                throw new AccountException($"There is already an account '{name}'.");
            using var transaction = connection.BeginTransaction();
            connection.Execute("""
                INSERT INTO users (user_name, display_name, password_hash, roles, personal_data, created_at, created_by)
                VALUES ($name, $display, $hash, $roles, $personal, $at, $by)
                """, ("name", name), ("display", string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim()),
                ("hash", password is null ? null : _hasher.HashPassword(name, password)), ("roles", Roles.Join(roles)),
                ("personal", personalData), ("at", time.GetUtcNow()), ("by", actor));
            AuditLog.Append(connection, time, actor, "account.create", $"user:{name}", afterJson: RolesJson(roles, personalData));
            transaction.Commit();
            return connection.QueryList($"SELECT {UserColumns} FROM users WHERE user_name = $name", ReadUser, ("name", name)).Single();
        }, cancellationToken);
    }

    public Task SetRolesAsync(string userName, IReadOnlyList<string> roles, bool personalData, string actor, CancellationToken cancellationToken = default)
    {
        CheckRoles(roles);
        return Change(userName, actor, "account.roles", (connection, before) =>
        {
            connection.Execute("UPDATE users SET roles = $roles, personal_data = $personal WHERE user_name = $name",
                ("roles", Roles.Join(roles)), ("personal", personalData), ("name", before.UserName));
            // A token cannot do more than its user: roles taken away are taken from the user's tokens too.
            foreach (var (id, tokenRoles) in connection.QueryList("SELECT token_id, roles FROM api_tokens WHERE user_name = $name AND revoked_at IS NULL",
                         r => (r.GetInt64(0), Roles.Parse(r.GetString(1)).Roles), ("name", before.UserName)))
                connection.Execute("UPDATE api_tokens SET roles = $roles WHERE token_id = $id", ("roles", Roles.Join(tokenRoles.Intersect(roles))), ("id", id));
            return (RolesJson(before.Roles, before.PersonalData), RolesJson(roles, personalData));
        }, cancellationToken);
    }

    /// <summary>Locks an account (it cannot sign in, its sessions and tokens stop working at once) or unlocks it (also after failed sign-ins).</summary>
    public Task SetLockedAsync(string userName, bool locked, string actor, CancellationToken cancellationToken = default) =>
        Change(userName, actor, locked ? "account.lock" : "account.unlock", (connection, before) =>
        {
            connection.Execute("UPDATE users SET disabled = $locked, failed_sign_ins = 0, locked_until = NULL WHERE user_name = $name",
                ("locked", locked), ("name", before.UserName));
            return ($$"""{"disabled":{{(before.Disabled ? "true" : "false")}}}""", $$"""{"disabled":{{(locked ? "true" : "false")}}}""");
        }, cancellationToken);

    /// <summary>Sets a new password (an administrator's reset, or the first administrator's); the audit log says it changed, never what to.</summary>
    public Task SetPasswordAsync(string userName, string password, string actor, CancellationToken cancellationToken = default)
    {
        CheckPassword(password);
        return Change(userName, actor, "account.password_reset", (connection, before) =>
        {
            connection.Execute("UPDATE users SET password_hash = $hash, failed_sign_ins = 0, locked_until = NULL WHERE user_name = $name",
                ("hash", _hasher.HashPassword(before.UserName, password)), ("name", before.UserName));
            return (null, null);
        }, cancellationToken);
    }

    /// <summary>
    /// Checks a password. After <paramref name="maxFailures"/> wrong ones in a row the account is locked for
    /// <paramref name="lockout"/>, and a locked account is refused even with the right password. Unknown names are
    /// answered like wrong passwords, after the same work, so the answer does not tell which names exist.
    /// </summary>
    public Task<SignInResult> SignInAsync(string userName, string password, int maxFailures, TimeSpan lockout, string from, CancellationToken cancellationToken = default)
    {
        var name = Normalise(userName);
        return warehouse.RecordAsync(connection =>
        {
            var row = connection.QueryList("SELECT password_hash FROM users WHERE user_name = $name", r => r.IsDBNull(0) ? "" : r.GetString(0), ("name", name)).SingleOrDefault();
            var account = connection.QueryList($"SELECT {UserColumns} FROM users WHERE user_name = $name", ReadUser, ("name", name)).SingleOrDefault();
            if (account is null || string.IsNullOrEmpty(row))
            {
                _hasher.VerifyHashedPassword(name, Dummy.Value, password);
                // The name typed is not kept: it names no account, and may be a password typed in the wrong field.
                AuditLog.Append(connection, time, "anonymous", FailedSignInAction, "user:(no such account)", afterJson: JsonSerializer.Serialize(new { from }));
                return new SignInResult(SignInOutcome.WrongPassword, null);
            }
            var now = time.GetUtcNow();
            if (account.Disabled || account.LockedUntil > now)
            {
                AuditLog.Append(connection, time, "anonymous", FailedSignInAction, $"user:{name}",
                    afterJson: JsonSerializer.Serialize(new { reason = account.Disabled ? "locked by an administrator" : "locked out", from }));
                return new SignInResult(account.Disabled ? SignInOutcome.Disabled : SignInOutcome.LockedOut, account);
            }

            using var transaction = connection.BeginTransaction();
            SignInResult result;
            if (_hasher.VerifyHashedPassword(name, row, password) == PasswordVerificationResult.Failed)
            {
                var failures = account.FailedSignIns + 1;
                var locks = failures >= maxFailures;
                connection.Execute("UPDATE users SET failed_sign_ins = $failures, locked_until = $until WHERE user_name = $name",
                    ("failures", locks ? 0 : failures), ("until", locks ? now + lockout : null), ("name", name));
                AuditLog.Append(connection, time, "anonymous", FailedSignInAction, $"user:{name}",
                    afterJson: JsonSerializer.Serialize(new { reason = "wrong password", failures, from }));
                if (locks)
                    AuditLog.Append(connection, time, "system", "account.locked_out", $"user:{name}",
                        afterJson: JsonSerializer.Serialize(new { failures, lockedUntil = now + lockout, from }));
                result = new SignInResult(locks ? SignInOutcome.LockedOut : SignInOutcome.WrongPassword, account);
            }
            else
            {
                connection.Execute("UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = $at WHERE user_name = $name", ("at", now), ("name", name));
                AuditLog.Append(connection, time, name, "account.sign_in", $"user:{name}", afterJson: JsonSerializer.Serialize(new { from }));
                result = new SignInResult(SignInOutcome.SignedIn, account);
            }
            transaction.Commit();
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// A person the company's identity provider (<paramref name="provider"/>) vouches for as <paramref name="userName"/>:
    /// signed in as the local account of that name if it may act now, refused otherwise, and either way on the audit log.
    /// The name is recorded even when no account has it: it came from the provider, not typed (so no password in the
    /// wrong field), and an auditor needs to see who was turned away.
    /// </summary>
    public Task<UserAccount?> ExternalSignInAsync(string? userName, string provider, string from, CancellationToken cancellationToken = default) =>
        warehouse.RecordAsync(connection =>
        {
            var name = string.IsNullOrWhiteSpace(userName) ? null : Normalise(userName);
            var account = name is null ? null : connection.QueryList($"SELECT {UserColumns} FROM users WHERE user_name = $name", ReadUser, ("name", name)).SingleOrDefault();
            var now = time.GetUtcNow();
            if (account is null || !account.MayActAt(now))
            {
                var reason = name is null ? "the provider named nobody" : account is null ? "no local account of that name"
                    : account.Disabled ? "locked by an administrator" : "locked out";
                AuditLog.Append(connection, time, "anonymous", FailedSignInAction, $"user:{name ?? "(none)"}", afterJson: JsonSerializer.Serialize(new { reason, provider, from }));
                return null;
            }
            connection.Execute("UPDATE users SET last_sign_in_at = $at WHERE user_name = $name", ("at", now), ("name", account.UserName));
            AuditLog.Append(connection, time, account.UserName, "account.sign_in", $"user:{account.UserName}", afterJson: JsonSerializer.Serialize(new { from, provider }));
            return account;
        }, cancellationToken);

    /// <summary>
    /// A new token for a user (scoped to <paramref name="roles"/>, which the user must hold) or for a feed's uploads.
    /// The token itself is returned once and never stored.
    /// </summary>
    public Task<(ApiToken Token, string Secret)> CreateTokenAsync(string? userName, string? feed, string label, IReadOnlyList<string> roles, string actor,
        CancellationToken cancellationToken = default)
    {
        if ((userName is null) == (feed is null))
            throw new AccountException("A token belongs either to a user or to a feed.");
        CheckRoles(roles);
        var secret = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return warehouse.RecordAsync(connection =>
        {
            string? name = null;
            if (userName is not null)
            {
                name = Normalise(userName);
                var user = connection.QueryList($"SELECT {UserColumns} FROM users WHERE user_name = $name", ReadUser, ("name", name)).SingleOrDefault()
                    ?? throw new AccountException($"There is no account '{userName}'.");
                if (roles.Count == 0)
                    throw new AccountException("Name the roles the token may act in (one or more the user holds).");
                if (roles.FirstOrDefault(r => !user.Roles.Contains(r)) is { } missing)
                    throw new AccountException($"'{name}' does not hold the role {missing}; a token cannot do more than its user.");
            }
            using var transaction = connection.BeginTransaction();
            var id = connection.Scalar<long>("""
                INSERT INTO api_tokens (user_name, feed, label, roles, token_hash, created_at, created_by)
                VALUES ($user, $feed, $label, $roles, $hash, $at, $by) RETURNING token_id
                """, ("user", name), ("feed", feed), ("label", string.IsNullOrWhiteSpace(label) ? "token" : label.Trim()),
                ("roles", feed is null ? Roles.Join(roles) : ""), ("hash", HashToken(secret)), ("at", time.GetUtcNow()), ("by", actor));
            AuditLog.Append(connection, time, actor, "token.create", name is null ? $"feed:{feed}" : $"user:{name}",
                afterJson: JsonSerializer.Serialize(new { tokenId = id, label, roles = feed is null ? roles : [] }));
            transaction.Commit();
            return (ReadTokens(connection, "token_id = $id", ("id", id)).Single(), secret);
        }, cancellationToken);
    }

    /// <summary>The live token <paramref name="secret"/> is, or null (unknown or revoked). Read from the table every time: a revocation holds at once.</summary>
    public ApiToken? FindToken(string secret)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal))
            return null;
        using var connection = warehouse.OpenConnection();
        return ReadTokens(connection, "token_hash = $hash AND revoked_at IS NULL", ("hash", HashToken(secret))).SingleOrDefault();
    }

    public IReadOnlyList<ApiToken> ListTokens()
    {
        using var connection = warehouse.OpenConnection();
        return ReadTokens(connection, "true");
    }

    public Task<bool> RevokeTokenAsync(long tokenId, string actor, CancellationToken cancellationToken = default) => warehouse.RecordAsync(connection =>
    {
        if (ReadTokens(connection, "token_id = $id", ("id", tokenId)).SingleOrDefault() is not { Revoked: false } token)
            return false;
        using var transaction = connection.BeginTransaction();
        connection.Execute("UPDATE api_tokens SET revoked_at = $at, revoked_by = $by WHERE token_id = $id", ("at", time.GetUtcNow()), ("by", actor), ("id", tokenId));
        AuditLog.Append(connection, time, actor, "token.revoke", token.UserName is null ? $"feed:{token.Feed}" : $"user:{token.UserName}",
            afterJson: JsonSerializer.Serialize(new { tokenId, token.Label }));
        transaction.Commit();
        return true;
    }, cancellationToken);

    /// <summary>Notes that a token was used now; written at most once a minute per token.</summary>
    public async Task TouchTokenAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_lastUseWritten.TryGetValue(token.Id, out var written) && now - written < LastUseResolution)
            return;
        _lastUseWritten[token.Id] = now;
        await warehouse.RecordAsync(c => c.Execute("UPDATE api_tokens SET last_used_at = $at WHERE token_id = $id", ("at", now), ("id", token.Id)), cancellationToken);
    }

    private Task Change(string userName, string actor, string action, Func<DuckDBConnection, UserAccount, (string? Before, string? After)> change,
        CancellationToken cancellationToken) => warehouse.RecordAsync(connection =>
    {
        var name = Normalise(userName);
        var before = connection.QueryList($"SELECT {UserColumns} FROM users WHERE user_name = $name", ReadUser, ("name", name)).SingleOrDefault()
            ?? throw new AccountException($"There is no account '{userName}'.");
        using var transaction = connection.BeginTransaction();
        var (beforeJson, afterJson) = change(connection, before);
        AuditLog.Append(connection, time, actor, action, $"user:{name}", beforeJson, afterJson);
        transaction.Commit();
        return true;
    }, cancellationToken);

    public static string HashToken(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Normalise(string userName) => userName.Trim().ToLowerInvariant();

    private static void CheckRoles(IReadOnlyList<string> roles)
    {
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
            throw new AccountException($"There is no role '{unknown}'; roles are {string.Join(", ", Roles.All)}.");
    }

    private static void CheckPassword(string password)
    {
        if (password.Length < 12)
            throw new AccountException("A password must have at least 12 characters.");
    }

    private static string RolesJson(IReadOnlyList<string> roles, bool personalData) => JsonSerializer.Serialize(new { roles = Roles.Join(roles), personalData });

    private static UserAccount ReadUser(IDataRecord r) => new(r.GetString(0), r.GetString(1), Roles.Parse(r.GetString(2)).Roles, r.GetBoolean(3), r.GetBoolean(4),
        r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInstant(6), r.GetBoolean(7), r.GetInstant(8), r.GetString(9), r.IsDBNull(10) ? null : r.GetInstant(10));

    private static List<ApiToken> ReadTokens(DuckDBConnection connection, string where, params (string, object?)[] parameters) => connection.QueryList(
        $"SELECT {TokenColumns} FROM api_tokens WHERE {where} ORDER BY token_id",
        r => new ApiToken(r.GetInt64(0), r.NullableString(1), r.NullableString(2), r.GetString(3), Roles.Parse(r.GetString(4)).Roles,
            r.GetInstant(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetInstant(7), r.IsDBNull(8) ? null : r.GetInstant(8), r.NullableString(9)), parameters);

    // A real hash to verify against for unknown names, so they take as long as known ones.
    private static readonly Lazy<string> Dummy = new(() => new PasswordHasher<string>().HashPassword("", Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
}
