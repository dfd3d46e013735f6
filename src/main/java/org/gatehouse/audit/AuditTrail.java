package org.gatehouse.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Permission;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit trail of an organization and checks its hash chain. */
@Service
@Transactional(readOnly = true)
public class AuditTrail {

	private static final int MAX_EXPORT = 10_000;

	private final JdbcClient jdbc;

	AuditTrail(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Event(UUID id, long seq, Instant occurredAt, String actorType, UUID actorId, String action,
			UUID targetId, String outcome, Map<String, String> details) {
	}

	public record Filter(String action, UUID actorId, UUID targetId, Instant from, Instant to, int limit) {

		public Filter {
			limit = limit <= 0 ? 100 : Math.min(limit, MAX_EXPORT);
		}

	}

	/** Where the chain first breaks, or empty when it is whole. */
	public record Verification(boolean intact, long events, Long firstBrokenSeq) {
	}

	public List<Event> search(Actor actor, Filter filter) {
		actor.require(Permission.AUDIT_READ);
		return search(actor.organizationId(), filter);
	}

	public List<Event> search(OrganizationId organizationId, Filter filter) {
		StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE organization_id = ?");
		List<Object> params = new ArrayList<>(List.of(organizationId.value()));
		if (filter.action() != null && !filter.action().isBlank()) {
			sql.append(" AND action = ?");
			params.add(filter.action());
		}
		if (filter.actorId() != null) {
			sql.append(" AND actor_id = ?");
			params.add(filter.actorId());
		}
		if (filter.targetId() != null) {
			sql.append(" AND target_id = ?");
			params.add(filter.targetId());
		}
		if (filter.from() != null) {
			sql.append(" AND occurred_at >= ?");
			params.add(Times.db(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" AND occurred_at < ?");
			params.add(Times.db(filter.to()));
		}
		sql.append(" ORDER BY seq DESC LIMIT ").append(filter.limit());
		return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Event(rs.getObject("id", UUID.class),
				rs.getLong("seq"), Times.instant(rs, "occurred_at"), rs.getString("actor_type"),
				rs.getObject("actor_id", UUID.class), rs.getString("action"), rs.getObject("target_id", UUID.class),
				rs.getString("outcome"), AuditDetails.fromJson(rs.getString("details")))).list();
	}

	public Verification verify(Actor actor) {
		actor.require(Permission.AUDIT_READ);
		return verify(actor.organizationId());
	}

	public Verification verify(OrganizationId organizationId) {
		String[] prev = { AuditLog.GENESIS };
		long[] count = { 0 };
		Long[] broken = { null };
		jdbc.sql("SELECT * FROM audit_event WHERE organization_id = ? ORDER BY seq").param(organizationId.value())
			.query(rs -> {
				long seq = rs.getLong("seq");
				count[0]++;
				if (broken[0] != null) {
					return;
				}
				String expected = AuditLog.chainHash(prev[0], organizationId.value(), seq,
						rs.getObject("id", UUID.class), Times.instant(rs, "occurred_at"), rs.getString("actor_type"),
						rs.getObject("actor_id", UUID.class), rs.getString("action"),
						rs.getObject("target_id", UUID.class), rs.getString("outcome"), rs.getString("details"));
				if (seq != count[0] || !rs.getString("prev_hash").equals(prev[0]) || !expected.equals(rs.getString("hash"))) {
					broken[0] = seq;
				}
				prev[0] = rs.getString("hash");
			});
		return new Verification(broken[0] == null, count[0], broken[0]);
	}

	public Optional<Event> latest(OrganizationId organizationId, String action) {
		return search(organizationId, new Filter(action, null, null, null, null, 1)).stream().findFirst();
	}

}
