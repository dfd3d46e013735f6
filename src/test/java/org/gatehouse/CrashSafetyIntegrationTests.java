package org.gatehouse;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Enrolled;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.GatehouseNode;
import org.gatehouse.support.GatehouseNodes;
import org.gatehouse.support.Mailbox;
import org.gatehouse.support.MutableClock;
import org.gatehouse.support.RealTimeTotp;
import org.gatehouse.support.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * kill -9 inside an MFA reset, an enrollment confirmation, a role edit and a support reset
 * (docs/security.md, promise 7): a node started with a crash point halts there in the middle of the
 * request; the database then holds exactly what it held before (every row of the organization
 * compared, and for a support reset the ticket and the platform's trail too), the audit chain is
 * intact, no email of the lost change is ever sent; and the same action then succeeds on a node
 * without fault injection, its emails delivered exactly once. A support reset killed right after
 * its commit is wholly done instead, and approving it again changes nothing. Node processes run
 * in the PostgreSQL execution only.
 */
@EnabledIfSystemProperty(named = TestEnvironment.DATABASE_PROPERTY, matches = "postgresql")
class CrashSafetyIntegrationTests {

	static final List<String> CRASH_POINTS = List.of("mfa.reset.after-delete", "mfa.reset.before-commit",
			"mfa.enrollment.after-confirm", "mfa.enrollment.before-commit", "role.update.after-write",
			"role.update.after-audit", "recovery.reset.after-ready", "recovery.reset.before-commit",
			"recovery.reset.after-commit");

	static final UUID PLATFORM = new UUID(0, 0);

	static final String RESET_TO_USER = "MFA was reset on your account";
	static final String RESET_TO_ADMINS = "MFA was reset for a user";
	static final String DEVICE_ADDED = "A new authenticator was added to your account";
	static final String NEW_CODES = "New recovery codes were made for your account";
	static final String PROOF = "Confirm your support request";
	static final List<String> TICKET_DONE = List.of(AuditAction.SUPPORT_TICKET_OPEN.value(), AuditAction.SUPPORT_TICKET_AWAITING_EMAIL_PROOF.value(),
			AuditAction.SUPPORT_TICKET_AWAITING_APPROVAL.value(), AuditAction.SUPPORT_TICKET_READY.value(), AuditAction.SUPPORT_TICKET_EXECUTED.value());

	static GatehouseNodes nodes;
	static GatehouseNode steady;
	static final Map<String, GatehouseNode> crashing = new ConcurrentHashMap<>();
	static Fixtures fixtures;
	static Mailbox mailbox;
	static final RealTimeTotp totp = new RealTimeTotp();
	static SupportAgent supportAgent;

	/** A node without fault injection, and one node per crash point, all on one database. */
	@BeforeAll
	static void nodes() {
		nodes = GatehouseNodes.onFreshDatabase();
		steady = nodes.start("steady");
		for (String point : CRASH_POINTS) {
			crashing.put(point, nodes.launch("crash-at-" + point, Map.of("gatehouse.fault-injection.enabled", "true",
					"gatehouse.fault-injection.crash-at", point)));
		}
		mailbox = nodes.mailbox();
		fixtures = new Fixtures(steady.api(), mailbox, new MutableClock());
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "mfa.reset.after-delete", "mfa.reset.before-commit" })
	void aCrashInsideAnMfaDisableLeavesEveryDeviceCodeAndSessionAsBefore(String point) {
		Org org = fixtures.organization();
		Member member = fixtures.member(org, "Employee", "EMPLOYEE");
		Enrolled enrolled = fixtures.signInThroughEnrollment(org.slug(), member.email(), PASSWORD);
		Map<String, List<String>> before = snapshot(org.id());

		crashOn(point, node -> node.api()
			.post("/users/" + member.id() + "/mfa/disable", json("reason", "lost phone"), org.token()));

		assertThat(snapshot(org.id())).isEqualTo(before);
		JsonNode user = steady.api().get("/users/" + member.id(), org.token()).expect(200).json();
		assertThat(user.path("mfa").path("authenticators").asInt()).isEqualTo(1);
		assertThat(user.path("mfa").path("recoveryCodesLeft").asInt()).isEqualTo(10);
		steady.api().get("/me", enrolled.accessToken()).expect(200);
		assertThat(audited(org, AuditAction.MFA_RESET.value(), member.id())).isZero();
		assertAuditChainIntact(org);
		assertNeverSent(member.email(), RESET_TO_USER);
		assertNeverSent(org.chiefEmail(), RESET_TO_ADMINS);

		steady.api().post("/users/" + member.id() + "/mfa/disable", json("reason", "lost phone"), org.token())
			.expect(200);
		user = steady.api().get("/users/" + member.id(), org.token()).expect(200).json();
		assertThat(user.path("mfa").path("authenticators").asInt()).isZero();
		assertThat(user.path("mfa").path("recoveryCodesLeft").asInt()).isZero();
		steady.api().get("/me", enrolled.accessToken()).expectProblem(401, "unauthenticated");
		assertThat(audited(org, AuditAction.MFA_RESET.value(), member.id())).isOne();
		assertAuditChainIntact(org);
		assertSentOnce(member.email(), RESET_TO_USER);
		assertSentOnce(org.chiefEmail(), RESET_TO_ADMINS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "mfa.enrollment.after-confirm", "mfa.enrollment.before-commit" })
	void aCrashInsideAnEnrollmentConfirmationBindsNoDeviceAndTheSameConfirmationWorksAfterwards(String point) {
		Org org = fixtures.organization();
		Member member = fixtures.member(org, "Employee", "EMPLOYEE");
		GatehouseNode node = crashing.get(point).awaitReady();
		Api.Response password = node.api()
			.post("/login", json("organization", org.slug(), "email", member.email(), "password", PASSWORD))
			.expect(200);
		assertThat(password.text("next")).isEqualTo("MFA_ENROLLMENT");
		String loginToken = password.text("loginToken");
		String secret = node.api().post("/login/enrollment", json("loginToken", loginToken)).expect(200).text("secret");
		String code = totp.fresh(secret);
		Map<String, List<String>> before = snapshot(org.id());

		crashOn(point, crashed -> crashed.api()
			.post("/login/enrollment/confirm", json("loginToken", loginToken, "code", code, "label", "Phone")));

		assertThat(snapshot(org.id())).isEqualTo(before);
		JsonNode user = steady.api().get("/users/" + member.id(), org.token()).expect(200).json();
		assertThat(user.path("mfa").path("authenticators").asInt()).isZero();
		assertThat(user.path("mfa").path("recoveryCodesLeft").asInt()).isZero();
		assertThat(fixtures.password(org.slug(), member.email(), PASSWORD).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
		assertThat(audited(org, AuditAction.MFA_AUTHENTICATOR_ADDED.value(), member.id())).isZero();
		assertThat(audited(org, AuditAction.MFA_RECOVERY_CODES_GENERATED.value(), member.id())).isZero();
		assertAuditChainIntact(org);
		assertNeverSent(member.email(), DEVICE_ADDED);
		assertNeverSent(member.email(), NEW_CODES);

		Api.Response done = steady.api()
			.post("/login/enrollment/confirm", json("loginToken", loginToken, "code", code, "label", "Phone"))
			.expect(200);
		assertThat(done.text("next")).isEqualTo("DONE");
		assertThat(done.json().path("recoveryCodes").size()).isEqualTo(10);
		steady.api().get("/me", done.text("accessToken")).expect(200);
		user = steady.api().get("/users/" + member.id(), org.token()).expect(200).json();
		assertThat(user.path("mfa").path("authenticators").asInt()).isEqualTo(1);
		assertThat(user.path("mfa").path("recoveryCodesLeft").asInt()).isEqualTo(10);
		assertThat(audited(org, AuditAction.MFA_AUTHENTICATOR_ADDED.value(), member.id())).isOne();
		assertThat(audited(org, AuditAction.MFA_RECOVERY_CODES_GENERATED.value(), member.id())).isOne();
		assertAuditChainIntact(org);
		assertSentOnce(member.email(), DEVICE_ADDED);
		assertSentOnce(member.email(), NEW_CODES);
	}

	@ParameterizedTest
	@ValueSource(strings = { "role.update.after-write", "role.update.after-audit" })
	void aCrashInsideARoleEditLeavesTheRoleItsAuditAndItsNoticesAsBefore(String point) {
		Org org = fixtures.organization();
		String name = "Field staff " + Fixtures.unique();
		UUID role = fixtures.createRole(org, name, true);
		Map<String, Object> edit = json("name", name + " (no phones)", "requireMfa", false, "reason",
				"no phones on site");
		String notice = "Role " + name + " (no phones) no longer requires MFA";
		Map<String, List<String>> before = snapshot(org.id());

		crashOn(point, node -> node.api().patch("/roles/" + role, edit, org.token()));

		assertThat(snapshot(org.id())).isEqualTo(before);
		JsonNode unchanged = steady.api().get("/roles/" + role, org.token()).expect(200).json();
		assertThat(unchanged.path("name").asString()).isEqualTo(name);
		assertThat(unchanged.path("requireMfa").asBoolean()).isTrue();
		assertThat(audited(org, AuditAction.ROLE_UPDATED.value(), role)).isZero();
		assertThat(audited(org, AuditAction.ROLE_MFA_REQUIREMENT_CHANGED.value(), role)).isZero();
		assertAuditChainIntact(org);
		assertNeverSent(org.chiefEmail(), notice);

		steady.api().patch("/roles/" + role, edit, org.token()).expect(200);
		JsonNode changed = steady.api().get("/roles/" + role, org.token()).expect(200).json();
		assertThat(changed.path("name").asString()).isEqualTo(name + " (no phones)");
		assertThat(changed.path("requireMfa").asBoolean()).isFalse();
		assertThat(audited(org, AuditAction.ROLE_UPDATED.value(), role)).isOne();
		assertThat(audited(org, AuditAction.ROLE_MFA_REQUIREMENT_CHANGED.value(), role)).isOne();
		assertAuditChainIntact(org);
		assertSentOnce(org.chiefEmail(), notice);
	}

	@ParameterizedTest
	@ValueSource(strings = { "recovery.reset.after-ready", "recovery.reset.before-commit" })
	void aCrashInsideASupportResetLeavesTheTicketAndTheChiefOperatorsFactorsAsBeforeAndApprovingAgainResetsOnce(
			String point) {
		Org org = fixtures.organization();
		UUID ticket = provenPrimaryEmailTicket(org);
		String agentToken = signInAgent();
		assertThat(ticketState(ticket, agentToken)).isEqualTo("AWAITING_APPROVAL");
		Map<String, List<String>> before = snapshot(org.id());
		Map<String, List<String>> ticketBefore = ticketSnapshot(ticket);

		crashOn(point, node -> node.api().post("/platform/tickets/" + ticket + "/approve", null, agentToken));

		assertThat(snapshot(org.id())).isEqualTo(before);
		assertThat(ticketSnapshot(ticket)).isEqualTo(ticketBefore);
		assertThat(ticketState(ticket, agentToken)).isEqualTo("AWAITING_APPROVAL");
		assertThat(chiefFactors(org)).containsExactly(1L, 10L);
		steady.api().get("/me", org.token()).expect(200);
		assertThat(audited(org, AuditAction.MFA_RESET.value(), org.chiefId())).isZero();
		assertThat(ticketActions(ticket)).containsExactlyElementsOf(TICKET_DONE.subList(0, 3));
		assertAuditChainIntact(org);
		assertPlatformAuditChainLinked();
		assertNeverSent(org.chiefEmail(), RESET_TO_USER);
		assertNeverSent(org.chiefEmail(), RESET_TO_ADMINS);

		assertThat(steady.api().post("/platform/tickets/" + ticket + "/approve", null, agentToken).expect(200).json()
			.path("summary").path("state").asString()).isEqualTo("EXECUTED");
		steady.api().post("/platform/tickets/" + ticket + "/approve", null, agentToken).expectProblem(409, "conflict");
		assertResetOnce(org, ticket, agentToken);
	}

	@Test
	void aCrashRightAfterASupportResetCommittedLeavesItWhollyDoneAndApprovingAgainChangesNothing() {
		Org org = fixtures.organization();
		UUID ticket = provenPrimaryEmailTicket(org);
		String agentToken = signInAgent();

		crashOn("recovery.reset.after-commit",
				node -> node.api().post("/platform/tickets/" + ticket + "/approve", null, agentToken));

		assertThat(ticketState(ticket, agentToken)).isEqualTo("EXECUTED");
		Map<String, List<String>> after = snapshot(org.id());
		Map<String, List<String>> ticketAfter = ticketSnapshot(ticket);
		steady.api().post("/platform/tickets/" + ticket + "/approve", null, agentToken).expectProblem(409, "conflict");
		steady.api().post("/platform/tickets/" + ticket + "/execute", null, agentToken).expectProblem(409, "conflict");
		assertThat(snapshot(org.id())).isEqualTo(after);
		// nothing changed but the platform's record of the refused approval
		Map<String, List<String>> ticketNow = ticketSnapshot(ticket);
		assertThat(withoutPlatformAudit(ticketNow)).isEqualTo(withoutPlatformAudit(ticketAfter));
		assertThat(ticketNow.get("platform audit_event")).startsWith(ticketAfter.get("platform audit_event").toArray(String[]::new))
			.hasSize(ticketAfter.get("platform audit_event").size() + 1)
			.last().asString().contains(AuditAction.SUPPORT_TICKET_APPROVED.value()).contains("REFUSED");
		assertResetOnce(org, ticket, agentToken);
	}

	/**
	 * The reset happened once: the ticket EXECUTED with each transition audited once, the chief
	 * operator's devices, codes and tokens gone (the next sign-in enrolls a new device), one
	 * {@code mfa.reset} in the organization's intact trail, and each reset email sent once.
	 */
	static void assertResetOnce(Org org, UUID ticket, String agentToken) {
		assertThat(ticketState(ticket, agentToken)).isEqualTo("EXECUTED");
		assertThat(ticketActions(ticket)).containsExactlyElementsOf(TICKET_DONE);
		assertPlatformAuditChainLinked();
		assertThat(chiefFactors(org)).containsExactly(0L, 0L);
		steady.api().get("/me", org.token()).expectProblem(401, "unauthenticated");
		Enrolled enrolled = fixtures.signInThroughEnrollment(org.slug(), org.chiefEmail(), PASSWORD);
		Org again = new Org(org.id(), org.slug(), org.name(), org.chiefId(), org.chiefEmail(), org.password(),
				enrolled.accessToken(), enrolled.secret());
		assertThat(fixtures.audit(again.token(), AuditAction.MFA_RESET.value())).singleElement().satisfies(reset -> {
			assertThat(reset.path("targetId").asString()).isEqualTo(org.chiefId().toString());
			assertThat(reset.path("details").path("ticket").asString()).isEqualTo(ticket.toString());
			assertThat(reset.path("details").path("by").asString()).isEqualTo("SUPPORT");
		});
		assertAuditChainIntact(again);
		assertSentOnce(org.chiefEmail(), RESET_TO_USER);
		assertSentOnce(org.chiefEmail(), RESET_TO_ADMINS);
	}

	/** A support agent, made by the operator's command once, who accepted the invitation and enrolled. */
	record SupportAgent(String email, String secret) {
	}

	static synchronized SupportAgent supportAgent() {
		if (supportAgent == null) {
			String email = Fixtures.uniqueEmail("agent");
			String link = nodes.command("support", "create-agent", "--email", email, "--name", "Crash Test Agent")
				.lines()
				.filter(line -> line.startsWith(Fixtures.BASE_URL + "/invitation?token="))
				.findFirst()
				.orElseThrow();
			steady.api().post("/invitations/accept",
					json("token", link.substring(link.indexOf("token=") + 6), "password", PASSWORD)).expect(204);
			Enrolled enrolled = fixtures.signInThroughEnrollment("platform", email, PASSWORD);
			totp.used(enrolled.secret());
			supportAgent = new SupportAgent(email, enrolled.secret());
		}
		return supportAgent;
	}

	/** The agent signs in to the console's API with password and a fresh code (fresh for step-up too). */
	static String signInAgent() {
		SupportAgent who = supportAgent();
		Api.Response password = steady.api()
			.post("/login", json("organization", "platform", "email", who.email(), "password", PASSWORD))
			.expect(200);
		assertThat(password.text("next")).isEqualTo("MFA_CHALLENGE");
		return steady.api()
			.post("/login/mfa", json("loginToken", password.text("loginToken"), "code", totp.fresh(who.secret())))
			.expect(200)
			.text("accessToken");
	}

	/**
	 * The chief operator, sole administrator, asks support from the primary email and proves the
	 * mailbox and the password: the ticket awaits one agent's approval.
	 */
	static UUID provenPrimaryEmailTicket(Org org) {
		UUID ticket = UUID.fromString(steady.api()
			.post("/support/requests", json("organization", org.slug(), "email", org.chiefEmail(), "message",
					"I lost my phone and I am the only administrator."))
			.expect(202)
			.text("ticketId"));
		steady.api().post("/support/email-proof",
				json("token", mailbox.await(org.chiefEmail(), PROOF).token(), "password", PASSWORD)).expect(204);
		return ticket;
	}

	static String ticketState(UUID ticket, String agentToken) {
		return steady.api().get("/platform/tickets/" + ticket, agentToken).expect(200).json().path("summary")
			.path("state").asString();
	}

	/** The chief operator's confirmed authenticators and unused recovery codes, from the database. */
	static List<Long> chiefFactors(Org org) {
		String devices = "SELECT COUNT(*) FROM authenticator WHERE organization_id = ? AND user_id = ? "
				+ "AND status <> 'PENDING'";
		String codes = "SELECT COUNT(*) FROM recovery_code WHERE organization_id = ? AND user_id = ? "
				+ "AND used_at IS NULL";
		return Stream.of(devices, codes)
			.map(sql -> nodes.jdbc().sql(sql).params(org.id(), org.chiefId()).query(Long.class).single())
			.toList();
	}

	interface Request {

		Api.Response send(GatehouseNode node);

	}

	/** Sends the request to the node that crashes at {@code point}: no answer comes, the process halts. */
	static void crashOn(String point, Request request) {
		GatehouseNode node = crashing.get(point).awaitReady();
		assertThatThrownBy(() -> request.send(node)).as("the request to the node crashing at " + point)
			.isInstanceOf(UncheckedIOException.class);
		assertThat(node.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
		assertThat(node.logged("fault injection: halting at " + point)).isTrue();
	}

	/** Every row the organization owns, in a stable order (the outbox by recipient and subject only). */
	static Map<String, List<String>> snapshot(UUID org) {
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("organization", "SELECT * FROM organization WHERE id = ?");
		queries.put("role", "SELECT * FROM role WHERE organization_id = ? ORDER BY id");
		queries.put("app_user", "SELECT * FROM app_user WHERE organization_id = ? ORDER BY id");
		queries.put("authenticator", "SELECT * FROM authenticator WHERE organization_id = ? ORDER BY id");
		queries.put("recovery_code", "SELECT * FROM recovery_code WHERE organization_id = ? ORDER BY id");
		queries.put("mfa_failure_budget", "SELECT * FROM mfa_failure_budget WHERE organization_id = ? ORDER BY user_id");
		queries.put("api_token", "SELECT * FROM api_token WHERE organization_id = ? ORDER BY token_hash");
		queries.put("one_time_token", "SELECT * FROM one_time_token WHERE organization_id = ? ORDER BY token_hash");
		queries.put("audit_chain", "SELECT * FROM audit_chain WHERE organization_id = ?");
		queries.put("audit_event", "SELECT * FROM audit_event WHERE organization_id = ? ORDER BY seq");
		queries.put("mail_outbox",
				"SELECT recipient, subject FROM mail_outbox WHERE organization_id = ? ORDER BY recipient, subject");
		return rows(queries, org);
	}

	/**
	 * The ticket, its timeline and evidence, the platform's audit events about it, and the head of
	 * the platform's audit chain (which any platform event moves).
	 */
	static Map<String, List<String>> ticketSnapshot(UUID ticket) {
		Map<String, String> queries = new LinkedHashMap<>();
		queries.put("support_ticket", "SELECT * FROM support_ticket WHERE id = ?");
		queries.put("support_ticket_transition",
				"SELECT * FROM support_ticket_transition WHERE ticket_id = ? ORDER BY seq");
		queries.put("support_evidence", "SELECT * FROM support_evidence WHERE ticket_id = ? ORDER BY id");
		queries.put("platform audit_event", "SELECT * FROM audit_event WHERE organization_id = '" + PLATFORM
				+ "' AND target_id = ? ORDER BY seq");
		Map<String, List<String>> snapshot = rows(queries, ticket);
		snapshot.putAll(rows(Map.of("platform audit_chain", "SELECT * FROM audit_chain WHERE organization_id = ?"),
				PLATFORM));
		return snapshot;
	}

	private static Map<String, List<String>> withoutPlatformAudit(Map<String, List<String>> ticketSnapshot) {
		Map<String, List<String>> rest = new LinkedHashMap<>(ticketSnapshot);
		rest.remove("platform audit_event");
		rest.remove("platform audit_chain");
		return rest;
	}

	/** The rows each query finds for {@code parameter}, by name, each row as its columns and values. */
	static Map<String, List<String>> rows(Map<String, String> queries, UUID parameter) {
		Map<String, List<String>> snapshot = new LinkedHashMap<>();
		queries.forEach((table, sql) -> snapshot.put(table, nodes.jdbc().sql(sql).param(parameter).query((rs, n) -> {
			List<String> values = new ArrayList<>();
			for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
				Object value = rs.getObject(column);
				values.add(rs.getMetaData().getColumnName(column) + "="
						+ (value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value)));
			}
			return String.join(", ", values);
		}).list()));
		return snapshot;
	}

	/** How many audit events with this action and target the organization's trail shows. */
	static long audited(Org org, String action, UUID target) {
		return fixtures.audit(org.token(), action).stream()
			.filter(event -> target.toString().equals(event.path("targetId").asString(null)))
			.count();
	}

	static void assertAuditChainIntact(Org org) {
		JsonNode verification = steady.api().get("/audit-events/verification", org.token()).expect(200).json();
		assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
		long stored = nodes.jdbc().sql("SELECT COUNT(*) FROM audit_event WHERE organization_id = ?")
			.param(org.id()).query(Long.class).single();
		assertThat(verification.path("events").asLong()).isEqualTo(stored);
	}

	/** What the platform's trail records as done to a ticket, oldest first (refused attempts apart). */
	static List<String> ticketActions(UUID ticket) {
		return nodes.jdbc()
			.sql("SELECT action FROM audit_event WHERE organization_id = ? AND target_id = ? AND outcome <> 'REFUSED' ORDER BY seq")
			.params(PLATFORM, ticket)
			.query(String.class)
			.list();
	}

	/**
	 * The platform's trail is one unbroken chain: numbered from 1 without a gap, each event linked to
	 * the one before, the head at the last. (Its hashes are verified through the API by an actor with
	 * audit.read, which no agent holds; a lost or half-written event shows in the links.)
	 */
	static void assertPlatformAuditChainLinked() {
		List<Map<String, Object>> events = nodes.jdbc()
			.sql("SELECT seq, prev_hash, hash FROM audit_event WHERE organization_id = ? ORDER BY seq")
			.param(PLATFORM)
			.query()
			.listOfRows();
		String previous = "0".repeat(64);
		for (int i = 0; i < events.size(); i++) {
			assertThat(((Number) events.get(i).get("seq")).longValue()).isEqualTo(i + 1);
			assertThat(events.get(i).get("prev_hash")).as("the link of platform event " + (i + 1)).isEqualTo(previous);
			previous = (String) events.get(i).get("hash");
		}
		Map<String, Object> head = nodes.jdbc()
			.sql("SELECT last_seq, last_hash FROM audit_chain WHERE organization_id = ?")
			.param(PLATFORM)
			.query()
			.singleRow();
		assertThat(((Number) head.get("last_seq")).longValue()).isEqualTo(events.size());
		assertThat(head.get("last_hash")).isEqualTo(previous);
	}

	/** Not queued, so never sent; and, after several dispatch rounds, not received either. */
	static void assertNeverSent(String to, String subject) {
		assertThat(mailbox.queuedFor(to, subject)).as("queued for " + to + ": " + subject).isZero();
		GatehouseNode.pause(Duration.ofMillis(600));
		assertThat(mailbox.receivedBy(to).stream().filter(m -> m.subject().contains(subject)))
			.as("received by " + to + ": " + subject).isEmpty();
	}

	/** Arrives, and after several more dispatch rounds of every node still running, only once. */
	static void assertSentOnce(String to, String subject) {
		mailbox.await(to, subject);
		GatehouseNode.pause(Duration.ofMillis(600));
		assertThat(mailbox.receivedBy(to).stream().filter(m -> m.subject().contains(subject)))
			.as("received by " + to + ": " + subject).hasSize(1);
		assertThat(mailbox.queuedFor(to, subject)).isEqualTo(1);
	}

}
