package org.gatehouse.recovery.internal;

import java.time.Instant;
import java.util.UUID;

import org.gatehouse.recovery.EvidenceItem;

/** One checked item of identity evidence: what, who checked it, when, and the agent's note. */
public record Evidence(UUID id, EvidenceItem item, UUID checkedBy, Instant checkedAt, String note) {
}
