-- Authenticators (TOTP devices). The secret is AES-256-GCM encrypted with (organization, user,
-- authenticator) as associated data; key_id names the key it is sealed under.
CREATE TABLE authenticator (
	organization_id UUID NOT NULL,
	id UUID NOT NULL,
	user_id UUID NOT NULL,
	label VARCHAR(64),
	label_key VARCHAR(64),
	status VARCHAR(16) NOT NULL,
	key_id VARCHAR(32) NOT NULL,
	secret_ciphertext BYTEA NOT NULL,
	replaces_existing BOOLEAN DEFAULT FALSE NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	pending_until TIMESTAMP WITH TIME ZONE,
	confirmed_at TIMESTAMP WITH TIME ZONE,
	last_used_at TIMESTAMP WITH TIME ZONE,
	last_used_step BIGINT,
	CONSTRAINT authenticator_pk PRIMARY KEY (organization_id, id),
	CONSTRAINT authenticator_label_uq UNIQUE (organization_id, user_id, label_key)
);
CREATE INDEX authenticator_user_ix ON authenticator (organization_id, user_id);

-- Recovery codes, stored only as salted Argon2id hashes; each usable once.
CREATE TABLE recovery_code (
	organization_id UUID NOT NULL,
	id UUID NOT NULL,
	user_id UUID NOT NULL,
	code_hash VARCHAR(200) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	used_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT recovery_code_pk PRIMARY KEY (organization_id, id)
);
CREATE INDEX recovery_code_user_ix ON recovery_code (organization_id, user_id);

-- The per-account second-factor failure budget, shared by every channel, session and node.
CREATE TABLE mfa_failure_budget (
	organization_id UUID NOT NULL,
	user_id UUID NOT NULL,
	failures INT NOT NULL,
	wait_until TIMESTAMP WITH TIME ZONE,
	suspended_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT mfa_failure_budget_pk PRIMARY KEY (organization_id, user_id)
);
