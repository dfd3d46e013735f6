-- A support request is stored as it came in and routed after the public answer, so that the answer
-- costs the same whether or not the organization or the address exists. routed_at is when the
-- request was looked at (NULL: not yet; the support job routes what an interrupted node left behind).
ALTER TABLE support_ticket ADD COLUMN routed_at TIMESTAMP WITH TIME ZONE;
UPDATE support_ticket SET routed_at = created_at;
CREATE INDEX support_ticket_routed_ix ON support_ticket (routed_at, created_at);
