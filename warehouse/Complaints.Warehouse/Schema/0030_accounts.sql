-- Who may sign in and what they may do (docs/decisions/0010-accounts-in-the-warehouse.md). Passwords and tokens are
-- kept only as hashes. Nothing here is a fact: no figure reads these tables, so their writes leave cached figures alone.
CREATE TABLE users (
    user_name        VARCHAR PRIMARY KEY,           -- lower case, what people type at sign-in
    display_name     VARCHAR NOT NULL,
    password_hash    VARCHAR,                       -- NULL: signs in only through the company's identity provider
    roles            VARCHAR NOT NULL,              -- comma-separated role codes
    personal_data    BOOLEAN NOT NULL,              -- may see names, e-mails, phones and addresses unmasked
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     TIMESTAMPTZ,                   -- after repeated failures
    disabled         BOOLEAN NOT NULL DEFAULT false,-- locked by an administrator until unlocked
    created_at       TIMESTAMPTZ NOT NULL,
    created_by       VARCHAR NOT NULL,
    last_sign_in_at  TIMESTAMPTZ
);

CREATE SEQUENCE api_token_ids START 1;

-- Bearer tokens of a user (for the JSON API, scoped to roles the user holds) or of a feed (uploads only).
CREATE TABLE api_tokens (
    token_id      BIGINT PRIMARY KEY DEFAULT nextval('api_token_ids'),
    user_name     VARCHAR,                          -- set for a user's token
    feed          VARCHAR,                          -- set for a feed's upload token
    label         VARCHAR NOT NULL,
    roles         VARCHAR NOT NULL,                 -- the token's scope: comma-separated role codes ('' for a feed token)
    token_hash    VARCHAR NOT NULL UNIQUE,          -- SHA-256 of the token, hex
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    VARCHAR NOT NULL,
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_by    VARCHAR
);
