-- The support side: a hidden platform organization (the nil UUID, slug 'platform') whose users are the
-- support agents, with two roles that require MFA. Its audit chain exists since V1.
INSERT INTO organization (id, slug, name, primary_email, primary_email_verified_at, chief_operator_id, created_at)
	VALUES ('00000000-0000-0000-0000-000000000000', 'platform', 'Gatehouse support', 'support@gatehouse.invalid',
	NULL, NULL, CURRENT_TIMESTAMP);
INSERT INTO role (organization_id, id, name, name_key, permissions, require_mfa, built_in, created_at, updated_at)
	VALUES ('00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-00000000a001', 'Support agent',
	'support agent', 'support.agent', TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
INSERT INTO role (organization_id, id, name, name_key, permissions, require_mfa, built_in, created_at, updated_at)
	VALUES ('00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-00000000a002', 'Support lead',
	'support lead', 'support.agent,support.lead', TRUE, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- Recovery tickets of locked-out chief operators. Platform-owned: organization_id is what the request
-- resolved to (NULL when the typed organization does not exist). open_organization_id equals
-- organization_id while the ticket is open and NULL once it is closed, so its unique constraint allows
-- one open recovery per organization on every database.
CREATE TABLE support_ticket (
	id UUID NOT NULL PRIMARY KEY,
	organization_id UUID,
	open_organization_id UUID,
	organization_typed VARCHAR(200) NOT NULL,
	chief_operator_id UUID,
	contact_email VARCHAR(320) NOT NULL,
	message VARCHAR(4000) NOT NULL,
	channel VARCHAR(8) NOT NULL,
	authentication_results VARCHAR(2000),
	track VARCHAR(16),
	state VARCHAR(24) NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	proof_sent_at TIMESTAMP WITH TIME ZONE,
	email_proven_at TIMESTAMP WITH TIME ZONE,
	password_proven_at TIMESTAMP WITH TIME ZONE,
	first_approved_by UUID,
	first_approved_at TIMESTAMP WITH TIME ZONE,
	approved_by UUID,
	approved_at TIMESTAMP WITH TIME ZONE,
	waiting_until TIMESTAMP WITH TIME ZONE,
	executed_at TIMESTAMP WITH TIME ZONE,
	cancelled_at TIMESTAMP WITH TIME ZONE,
	closed_at TIMESTAMP WITH TIME ZONE,
	reason VARCHAR(500),
	CONSTRAINT support_ticket_open_uq UNIQUE (open_organization_id)
);
CREATE INDEX support_ticket_state_ix ON support_ticket (state, created_at);
CREATE INDEX support_ticket_organization_ix ON support_ticket (organization_id, created_at);

-- Identity evidence an agent checked, from a fixed checklist; each item once per ticket.
CREATE TABLE support_evidence (
	ticket_id UUID NOT NULL,
	id UUID NOT NULL,
	item VARCHAR(48) NOT NULL,
	checked_by UUID NOT NULL,
	checked_at TIMESTAMP WITH TIME ZONE NOT NULL,
	note VARCHAR(1000) NOT NULL,
	CONSTRAINT support_evidence_pk PRIMARY KEY (ticket_id, id),
	CONSTRAINT support_evidence_item_uq UNIQUE (ticket_id, item),
	CONSTRAINT support_evidence_ticket_fk FOREIGN KEY (ticket_id) REFERENCES support_ticket (id)
);

-- Every state change of a ticket, in order: its timeline.
CREATE TABLE support_ticket_transition (
	ticket_id UUID NOT NULL,
	seq INT NOT NULL,
	from_state VARCHAR(24),
	to_state VARCHAR(24) NOT NULL,
	occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
	actor_type VARCHAR(16) NOT NULL,
	actor_id UUID,
	reason VARCHAR(500),
	CONSTRAINT support_ticket_transition_pk PRIMARY KEY (ticket_id, seq),
	CONSTRAINT support_ticket_transition_ticket_fk FOREIGN KEY (ticket_id) REFERENCES support_ticket (id)
);

-- Intake counters per contact email and per client address (keyed by a hash), in fixed windows; shared
-- by every node.
CREATE TABLE support_intake_limit (
	key_hash VARCHAR(64) NOT NULL PRIMARY KEY,
	window_start TIMESTAMP WITH TIME ZONE NOT NULL,
	requests INT NOT NULL
);
