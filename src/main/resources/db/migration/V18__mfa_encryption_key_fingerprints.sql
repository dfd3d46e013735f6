-- A keyed fingerprint of every encryption key by its id, stored at the key's first use (KeyFingerprints). A node
-- started with another key under an id already stored refuses to start, instead of failing every TOTP check of
-- the devices enrolled on the other nodes. The primary key makes the first use a single winner among nodes that
-- start together.
CREATE TABLE encryption_key (
	key_id VARCHAR(32) PRIMARY KEY,
	fingerprint VARCHAR(64) NOT NULL,
	first_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
