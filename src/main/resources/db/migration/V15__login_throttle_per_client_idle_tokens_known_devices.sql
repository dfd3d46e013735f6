-- Password failures are counted per (client address, account) in password_throttle, so a client that has
-- not been failing is not slowed down by others; the rows keyed by the account alone mean nothing now.
-- A row is forgotten a day after its last failure (ExpiredRowSweep): one per guessing address would
-- otherwise stay for good.
DELETE FROM password_throttle;
ALTER TABLE password_throttle ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE NOT NULL;
CREATE INDEX password_throttle_expiry_ix ON password_throttle (expires_at);

-- The account-wide ceiling against a guesser spread over many addresses: failures of every client at one
-- (organization slug, email), whether or not the account exists, counted in windows of an hour.
CREATE TABLE password_account_throttle (
	key_hash VARCHAR(64) NOT NULL PRIMARY KEY,
	window_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	failures INT NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX password_account_throttle_expiry_ix ON password_account_throttle (expires_at);

-- Browsers that finished a sign-in to an account: they pass the account-wide ceiling. Only the SHA-256 of
-- the cookie is stored; account_key is the hash of the (organization slug, email) typed at sign-in.
CREATE TABLE known_device (
	organization_id UUID NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	user_id UUID NOT NULL,
	account_key VARCHAR(64) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT known_device_pk PRIMARY KEY (organization_id, token_hash)
);
CREATE UNIQUE INDEX known_device_hash_ix ON known_device (token_hash);
CREATE INDEX known_device_expiry_ix ON known_device (expires_at);

-- Bearer tokens end after 30 minutes unused, like console sessions. Tokens issued before this migration
-- count as used now.
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
