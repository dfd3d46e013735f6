-- Expired tokens are deleted in batches, oldest first (ExpiredRowSweep): these indexes let each batch
-- read only expired rows, however many live tokens a busy service holds (two per API sign-in, access
-- tokens living 12 hours).
CREATE INDEX api_token_expiry_ix ON api_token (expires_at);
CREATE INDEX one_time_token_expiry_ix ON one_time_token (expires_at);
