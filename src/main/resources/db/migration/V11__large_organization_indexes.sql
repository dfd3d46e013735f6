-- The user list, its counts and the MFA coverage of a large organization (100,000 users, issue #7).
-- The list indexes end their sort key with id, so a page in (name_key, id) order comes straight from an
-- index, and the name index carries the columns the status, MFA and text filters test: the users
-- skipped before a page deep in the list are then read from the index alone (an index-only scan on
-- PostgreSQL) instead of one table row each; the page's own rows are fetched by id afterwards.
DROP INDEX app_user_name_ix;
CREATE INDEX app_user_name_ix ON app_user (organization_id, name_key, id, status, authenticator_count, backup_device,
	recovery_codes_left, email);
DROP INDEX app_user_role_ix;
CREATE INDEX app_user_role_ix ON app_user (organization_id, role_id, name_key, id);
DROP INDEX app_user_kind_ix;
CREATE INDEX app_user_kind_ix ON app_user (organization_id, kind, name_key, id);
DROP INDEX app_user_mfa_ix;
CREATE INDEX app_user_mfa_ix ON app_user (organization_id, authenticator_count, name_key, id, status);
CREATE INDEX app_user_backup_ix ON app_user (organization_id, backup_device, name_key, id, authenticator_count);
-- Narrow, for counting: the MFA coverage per role (grouped in this order), the members a role's MFA switch
-- affects, and the totals of the MFA filters.
CREATE INDEX app_user_coverage_ix ON app_user (organization_id, role_id, status, authenticator_count, backup_device,
	recovery_codes_left);
