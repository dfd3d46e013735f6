-- Organizations, roles and users. Every organization-owned table leads its keys with organization_id.
CREATE TABLE organization (
	id UUID NOT NULL PRIMARY KEY,
	slug VARCHAR(63) NOT NULL,
	name VARCHAR(200) NOT NULL,
	primary_email VARCHAR(320) NOT NULL,
	primary_email_verified_at TIMESTAMP WITH TIME ZONE,
	chief_operator_id UUID,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT organization_slug_uq UNIQUE (slug)
);

CREATE TABLE role (
	organization_id UUID NOT NULL,
	id UUID NOT NULL,
	name VARCHAR(100) NOT NULL,
	name_key VARCHAR(100) NOT NULL,
	permissions VARCHAR(1000) NOT NULL,
	require_mfa BOOLEAN NOT NULL,
	built_in BOOLEAN NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT role_pk PRIMARY KEY (organization_id, id),
	CONSTRAINT role_name_uq UNIQUE (organization_id, name_key),
	CONSTRAINT role_organization_fk FOREIGN KEY (organization_id) REFERENCES organization (id)
);

CREATE TABLE app_user (
	organization_id UUID NOT NULL,
	id UUID NOT NULL,
	email VARCHAR(320) NOT NULL,
	name VARCHAR(200) NOT NULL,
	name_key VARCHAR(200) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	role_id UUID NOT NULL,
	status VARCHAR(16) NOT NULL,
	password_hash VARCHAR(200),
	email_verified_at TIMESTAMP WITH TIME ZONE,
	security_epoch INT NOT NULL,
	authenticator_count INT DEFAULT 0 NOT NULL,
	backup_device BOOLEAN DEFAULT FALSE NOT NULL,
	recovery_codes_left INT DEFAULT 0 NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT app_user_pk PRIMARY KEY (organization_id, id),
	CONSTRAINT app_user_email_uq UNIQUE (organization_id, email),
	CONSTRAINT app_user_role_fk FOREIGN KEY (organization_id, role_id) REFERENCES role (organization_id, id)
);
CREATE INDEX app_user_role_ix ON app_user (organization_id, role_id, name_key);
CREATE INDEX app_user_name_ix ON app_user (organization_id, name_key, id);
CREATE INDEX app_user_kind_ix ON app_user (organization_id, kind, name_key);
CREATE INDEX app_user_mfa_ix ON app_user (organization_id, authenticator_count, name_key);

-- Password-failure counters keyed by a hash of (organization slug, email), whether or not the account exists.
CREATE TABLE password_throttle (
	key_hash VARCHAR(64) NOT NULL PRIMARY KEY,
	failures INT NOT NULL,
	last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Single-use links (email proof, invitations). Only the SHA-256 of the token is stored.
CREATE TABLE one_time_token (
	organization_id UUID NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	purpose VARCHAR(32) NOT NULL,
	subject_id UUID NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	used_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT one_time_token_pk PRIMARY KEY (organization_id, token_hash)
);
CREATE UNIQUE INDEX one_time_token_hash_ix ON one_time_token (token_hash);

-- Bearer tokens of the API: half-signed-in login tokens and access tokens. Only the SHA-256 is stored.
CREATE TABLE api_token (
	organization_id UUID NOT NULL,
	token_hash VARCHAR(64) NOT NULL,
	user_id UUID NOT NULL,
	stage VARCHAR(16) NOT NULL,
	security_epoch INT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	factor_verified_at TIMESTAMP WITH TIME ZONE,
	revoked_at TIMESTAMP WITH TIME ZONE,
	CONSTRAINT api_token_pk PRIMARY KEY (organization_id, token_hash)
);
CREATE UNIQUE INDEX api_token_hash_ix ON api_token (token_hash);
CREATE INDEX api_token_user_ix ON api_token (organization_id, user_id);

-- Append-only, hash-chained audit trail; one chain per organization (the platform uses the nil UUID).
CREATE TABLE audit_chain (
	organization_id UUID NOT NULL PRIMARY KEY,
	last_seq BIGINT NOT NULL,
	last_hash VARCHAR(64) NOT NULL
);

CREATE TABLE audit_event (
	organization_id UUID NOT NULL,
	seq BIGINT NOT NULL,
	id UUID NOT NULL,
	occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
	actor_type VARCHAR(16) NOT NULL,
	actor_id UUID,
	action VARCHAR(64) NOT NULL,
	target_id UUID,
	outcome VARCHAR(16) NOT NULL,
	details VARCHAR(4000) NOT NULL,
	prev_hash VARCHAR(64) NOT NULL,
	hash VARCHAR(64) NOT NULL,
	CONSTRAINT audit_event_pk PRIMARY KEY (organization_id, seq)
);
CREATE INDEX audit_event_time_ix ON audit_event (organization_id, occurred_at);
INSERT INTO audit_chain (organization_id, last_seq, last_hash)
	VALUES ('00000000-0000-0000-0000-000000000000', 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Transactional mail outbox: rows are written in the transaction of the change they announce.
CREATE TABLE mail_outbox (
	id UUID NOT NULL PRIMARY KEY,
	organization_id UUID,
	recipient VARCHAR(320) NOT NULL,
	subject VARCHAR(300) NOT NULL,
	body VARCHAR(20000) NOT NULL,
	status VARCHAR(16) NOT NULL,
	attempts INT NOT NULL,
	next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
	locked_until TIMESTAMP WITH TIME ZONE,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	sent_at TIMESTAMP WITH TIME ZONE,
	last_error VARCHAR(500)
);
CREATE INDEX mail_outbox_due_ix ON mail_outbox (status, next_attempt_at);

-- Server-side sessions shared by every node (Spring Session JDBC).
CREATE TABLE spring_session (
	primary_id CHAR(36) NOT NULL,
	session_id CHAR(36) NOT NULL,
	creation_time BIGINT NOT NULL,
	last_access_time BIGINT NOT NULL,
	max_inactive_interval INT NOT NULL,
	expiry_time BIGINT NOT NULL,
	principal_name VARCHAR(100),
	CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
	session_primary_id CHAR(36) NOT NULL,
	attribute_name VARCHAR(200) NOT NULL,
	attribute_bytes BYTEA NOT NULL,
	CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
	CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
