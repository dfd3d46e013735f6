package org.gatehouse.recovery;

import java.time.Instant;
import java.util.UUID;

/** One checked item of identity evidence: what, who checked it, when, and the agent's note. */
record Evidence(UUID id, EvidenceItem item, UUID checkedBy, Instant checkedAt, String note) {
}
