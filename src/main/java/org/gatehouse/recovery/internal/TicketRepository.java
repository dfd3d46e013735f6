package org.gatehouse.recovery.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.recovery.Channel;
import org.gatehouse.recovery.EvidenceItem;
import org.gatehouse.recovery.TicketState;
import org.gatehouse.recovery.Track;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class TicketRepository {

	private static final String COLUMNS = """
			organization_id = ?, open_organization_id = ?, chief_operator_id = ?, track = ?, state = ?, updated_at = ?,
			proof_sent_at = ?, email_proven_at = ?, password_proven_at = ?, first_approved_by = ?, first_approved_at = ?,
			approved_by = ?, approved_at = ?, waiting_until = ?, executed_at = ?, cancelled_at = ?, closed_at = ?,
			reason = ?, routed_at = ?""";

	private final JdbcClient jdbc;

	TicketRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Ticket t) {
		jdbc.sql("""
				INSERT INTO support_ticket (id, organization_typed, contact_email, message, channel,
				authentication_results, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(t.id, t.organizationTyped, t.contactEmail, t.message, t.channel.name(), t.authenticationResults,
					t.state.name(), Times.db(t.createdAt), Times.db(t.updatedAt))
			.update();
	}

	void update(Ticket t) {
		List<Object> params = new ArrayList<>();
		params.add(t.organizationId == null ? null : t.organizationId.value());
		params.add(t.openOrganization() == null ? null : t.openOrganization().value());
		params.add(t.chiefOperatorId == null ? null : t.chiefOperatorId.value());
		params.add(t.track == null ? null : t.track.name());
		params.add(t.state.name());
		for (Instant at : new Instant[] { t.updatedAt, t.proofSentAt, t.emailProvenAt, t.passwordProvenAt }) {
			params.add(Times.db(at));
		}
		params.add(t.firstApprovedBy);
		params.add(Times.db(t.firstApprovedAt));
		params.add(t.approvedBy);
		for (Instant at : new Instant[] { t.approvedAt, t.waitingUntil, t.executedAt, t.cancelledAt, t.closedAt }) {
			params.add(Times.db(at));
		}
		params.add(t.reason);
		params.add(Times.db(t.routedAt));
		params.add(t.id);
		jdbc.sql("UPDATE support_ticket SET " + COLUMNS + " WHERE id = ?").params(params).update();
	}

	public Optional<Ticket> find(UUID id) {
		return jdbc.sql("SELECT * FROM support_ticket WHERE id = ?").param(id).query(TicketRepository::map).optional();
	}

	/** Locks the ticket's row until the transaction ends: every state change goes through here. */
	public Optional<Ticket> findForUpdate(UUID id) {
		return jdbc.sql("SELECT * FROM support_ticket WHERE id = ? FOR UPDATE").param(id)
			.query(TicketRepository::map).optional();
	}

	Optional<UUID> openFor(OrganizationId org) {
		return jdbc.sql("SELECT id FROM support_ticket WHERE open_organization_id = ?").param(org.value())
			.query(UUID.class).optional();
	}

	/** The organization's tickets that are not closed, apart from {@code except}, oldest first. */
	public List<UUID> notClosed(OrganizationId org, UUID except) {
		return jdbc.sql("""
				SELECT id FROM support_ticket WHERE organization_id = ? AND id <> ?
				AND state NOT IN ('EXECUTED', 'CANCELLED', 'REJECTED', 'EXPIRED') ORDER BY created_at""")
			.params(org.value(), except).query(UUID.class).list();
	}

	/** The organization's primary-email tickets whose proof link is out, apart from {@code except}. */
	Optional<UUID> awaitingProof(OrganizationId org, UUID except) {
		return jdbc.sql("""
				SELECT id FROM support_ticket WHERE organization_id = ? AND id <> ? AND state = 'AWAITING_EMAIL_PROOF'
				ORDER BY created_at""")
			.params(org.value(), except).query(UUID.class).stream().findFirst();
	}

	/** Requests not routed yet that came in before {@code before}: a node stopped between intake and routing. */
	List<UUID> unrouted(Instant before) {
		return jdbc.sql("SELECT id FROM support_ticket WHERE routed_at IS NULL AND created_at < ? ORDER BY created_at")
			.param(Times.db(before)).query(UUID.class).list();
	}

	/** Tickets in these states (all when empty), oldest first, at most {@code limit}. */
	public List<Ticket> list(List<TicketState> states, int limit) {
		String where = states.isEmpty() ? ""
				: " WHERE state IN (" + String.join(", ", states.stream().map(s -> "'" + s.name() + "'").toList()) + ")";
		return jdbc.sql("SELECT * FROM support_ticket" + where + " ORDER BY created_at LIMIT " + limit)
			.query(TicketRepository::map).list();
	}

	List<UUID> dueForExecution(Instant now) {
		return jdbc.sql("SELECT id FROM support_ticket WHERE state = 'WAITING_PERIOD' AND waiting_until <= ? ORDER BY waiting_until")
			.param(Times.db(now)).query(UUID.class).list();
	}

	/** Open tickets whose proof link or whose lifetime ran out. */
	List<UUID> stale(Instant proofSentBefore, Instant createdBefore) {
		return jdbc.sql("""
				SELECT id FROM support_ticket WHERE (state = 'AWAITING_EMAIL_PROOF' AND proof_sent_at < ?)
				OR (state IN ('OPEN', 'AWAITING_EMAIL_PROOF', 'AWAITING_EVIDENCE', 'AWAITING_APPROVAL') AND created_at < ?)""")
			.params(Times.db(proofSentBefore), Times.db(createdBefore)).query(UUID.class).list();
	}

	Map<TicketState, Long> countByState() {
		Map<TicketState, Long> counts = new EnumMap<>(TicketState.class);
		jdbc.sql("SELECT state, COUNT(*) FROM support_ticket GROUP BY state")
			.query(rs -> {
				counts.put(TicketState.valueOf(rs.getString(1)), rs.getLong(2));
			});
		return counts;
	}

	// --- evidence ---

	public void addEvidence(UUID ticket, Evidence e) {
		jdbc.sql("""
				INSERT INTO support_evidence (ticket_id, id, item, checked_by, checked_at, note) VALUES (?, ?, ?, ?, ?, ?)""")
			.params(ticket, e.id(), e.item().name(), e.checkedBy(), Times.db(e.checkedAt()), e.note())
			.update();
	}

	public List<Evidence> evidence(UUID ticket) {
		return jdbc.sql("SELECT * FROM support_evidence WHERE ticket_id = ? ORDER BY checked_at, item").param(ticket)
			.query((rs, n) -> new Evidence(rs.getObject("id", UUID.class), EvidenceItem.valueOf(rs.getString("item")),
					rs.getObject("checked_by", UUID.class), Times.instant(rs, "checked_at"), rs.getString("note")))
			.list();
	}

	// --- timeline ---

	/** One step of a ticket's timeline. */
	record Step(int seq, TicketState from, TicketState to, Instant at, String actorType, UUID actorId, String reason) {
	}

	void addStep(UUID ticket, Ticket.Change change, Instant at, String actorType, UUID actorId) {
		int seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM support_ticket_transition WHERE ticket_id = ?")
			.param(ticket).query(Integer.class).single();
		jdbc.sql("""
				INSERT INTO support_ticket_transition (ticket_id, seq, from_state, to_state, occurred_at, actor_type,
				actor_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(ticket, seq, change.from() == null ? null : change.from().name(), change.to().name(), Times.db(at),
					actorType, actorId, change.reason())
			.update();
	}

	List<Step> timeline(UUID ticket) {
		return jdbc.sql("SELECT * FROM support_ticket_transition WHERE ticket_id = ? ORDER BY seq").param(ticket)
			.query((rs, n) -> new Step(rs.getInt("seq"), state(rs.getString("from_state")),
					TicketState.valueOf(rs.getString("to_state")), Times.instant(rs, "occurred_at"),
					rs.getString("actor_type"), rs.getObject("actor_id", UUID.class), rs.getString("reason")))
			.list();
	}

	private static TicketState state(String name) {
		return name == null ? null : TicketState.valueOf(name);
	}

	private static Ticket map(ResultSet rs, int n) throws SQLException {
		Ticket t = new Ticket();
		t.id = rs.getObject("id", UUID.class);
		t.channel = Channel.valueOf(rs.getString("channel"));
		t.organizationTyped = rs.getString("organization_typed");
		t.contactEmail = rs.getString("contact_email");
		t.message = rs.getString("message");
		t.authenticationResults = rs.getString("authentication_results");
		t.createdAt = Times.instant(rs, "created_at");
		t.routedAt = Times.instant(rs, "routed_at");
		UUID org = rs.getObject("organization_id", UUID.class);
		t.organizationId = org == null ? null : new OrganizationId(org);
		UUID chief = rs.getObject("chief_operator_id", UUID.class);
		t.chiefOperatorId = chief == null ? null : new UserId(chief);
		String track = rs.getString("track");
		t.track = track == null ? null : Track.valueOf(track);
		t.state = TicketState.valueOf(rs.getString("state"));
		t.updatedAt = Times.instant(rs, "updated_at");
		t.proofSentAt = Times.instant(rs, "proof_sent_at");
		t.emailProvenAt = Times.instant(rs, "email_proven_at");
		t.passwordProvenAt = Times.instant(rs, "password_proven_at");
		t.firstApprovedBy = rs.getObject("first_approved_by", UUID.class);
		t.firstApprovedAt = Times.instant(rs, "first_approved_at");
		t.approvedBy = rs.getObject("approved_by", UUID.class);
		t.approvedAt = Times.instant(rs, "approved_at");
		t.waitingUntil = Times.instant(rs, "waiting_until");
		t.executedAt = Times.instant(rs, "executed_at");
		t.cancelledAt = Times.instant(rs, "cancelled_at");
		t.closedAt = Times.instant(rs, "closed_at");
		t.reason = rs.getString("reason");
		return t;
	}

}
