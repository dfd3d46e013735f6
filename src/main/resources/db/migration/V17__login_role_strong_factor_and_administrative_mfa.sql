-- A recovery code is never the strongest factor: an API token remembers when its sign-in passed the
-- second step (factor_verified_at, a recovery code included) and, apart, when an authenticator was
-- verified (strong_factor_at), which step-up needs. Tokens issued before this column existed have
-- none, so they confirm their authenticator again before their next step-up action.
ALTER TABLE api_token ADD COLUMN strong_factor_at TIMESTAMP WITH TIME ZONE;

-- A role that grants an administrative permission (Permission.administrative(): users.manage,
-- roles.manage, organization.manage, support.agent, support.lead) always requires MFA. Roles saved
-- without it are switched on here, and exemptions held by their members end, since sign-in ignores
-- them from now on anyway. Not written to the audit trail: its hash chain is computed by the service,
-- and rows added here would break it; the change is recorded by this migration in Flyway's history.
UPDATE role SET require_mfa = TRUE, updated_at = CURRENT_TIMESTAMP
WHERE require_mfa = FALSE AND (',' || permissions || ',' LIKE '%,users.manage,%'
	OR ',' || permissions || ',' LIKE '%,roles.manage,%'
	OR ',' || permissions || ',' LIKE '%,organization.manage,%'
	OR ',' || permissions || ',' LIKE '%,support.agent,%'
	OR ',' || permissions || ',' LIKE '%,support.lead,%');

UPDATE app_user SET mfa_exempt_until = NULL
WHERE mfa_exempt_until IS NOT NULL AND EXISTS (SELECT 1 FROM role r
	WHERE r.organization_id = app_user.organization_id AND r.id = app_user.role_id AND r.require_mfa = TRUE
	AND (',' || r.permissions || ',' LIKE '%,users.manage,%'
		OR ',' || r.permissions || ',' LIKE '%,roles.manage,%'
		OR ',' || r.permissions || ',' LIKE '%,organization.manage,%'
		OR ',' || r.permissions || ',' LIKE '%,support.agent,%'
		OR ',' || r.permissions || ',' LIKE '%,support.lead,%'));
