-- A time-boxed exemption from the role's MFA requirement for one user.
ALTER TABLE app_user ADD COLUMN mfa_exempt_until TIMESTAMP WITH TIME ZONE;

-- "Was this page helpful?" on the public help pages; counts only, nothing about who voted.
CREATE TABLE help_vote (
	article VARCHAR(64) NOT NULL,
	helpful BOOLEAN NOT NULL,
	votes BIGINT NOT NULL,
	CONSTRAINT help_vote_pk PRIMARY KEY (article, helpful)
);
INSERT INTO help_vote (article, helpful, votes) VALUES ('lost-device', TRUE, 0);
INSERT INTO help_vote (article, helpful, votes) VALUES ('lost-device', FALSE, 0);
