package org.gatehouse.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends audit events. {@link #record} joins the caller's transaction, so the event exists
 * exactly when the change does; {@link #recordRefusal} commits on its own, so a refused attempt
 * is recorded although the attempt itself changes nothing.
 */
@Service
public class AuditLog {

	static final String GENESIS = "0".repeat(64);

	private final JdbcClient jdbc;
	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Starts the chain of a new organization. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void openChain(OrganizationId organizationId) {
		jdbc.sql("INSERT INTO audit_chain (organization_id, last_seq, last_hash) VALUES (?, 0, ?)")
			.params(organizationId.value(), GENESIS)
			.update();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public UUID record(AuditEntry entry) {
		return append(entry);
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public UUID recordRefusal(AuditEntry entry) {
		return append(entry.refused());
	}

	private UUID append(AuditEntry entry) {
		OrganizationId org = entry.organizationId();
		var head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain WHERE organization_id = ? FOR UPDATE")
			.param(org.value())
			.query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) })
			.single();
		long seq = (long) head[0] + 1;
		String prev = (String) head[1];
		UUID id = UUID.randomUUID();
		Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String details = AuditDetails.toJson(entry.details());
		String hash = chainHash(prev, org.value(), seq, id, at, entry.actorType().name(), entry.actorId(),
				entry.action().value(), entry.targetId(), entry.outcome().name(), details);
		jdbc.sql("""
				INSERT INTO audit_event (organization_id, seq, id, occurred_at, actor_type, actor_id, action, target_id,
				outcome, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(org.value(), seq, id, Times.db(at), entry.actorType().name(), entry.actorId(), entry.action().value(),
					entry.targetId(), entry.outcome().name(), details, prev, hash)
			.update();
		jdbc.sql("UPDATE audit_chain SET last_seq = ?, last_hash = ? WHERE organization_id = ?")
			.params(seq, hash, org.value())
			.update();
		return id;
	}

	static String chainHash(String prev, UUID org, long seq, UUID id, Instant at, String actorType, UUID actorId,
			String action, UUID targetId, String outcome, String details) {
		String canonical = String.join("\n", prev, org.toString(), Long.toString(seq), id.toString(),
				at.toString(), actorType, String.valueOf(actorId), action, String.valueOf(targetId), outcome, details);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}


}
