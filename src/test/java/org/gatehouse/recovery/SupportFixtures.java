package org.gatehouse.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.Mailbox;
import org.gatehouse.support.MutableClock;
import org.gatehouse.user.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.gatehouse.support.Api.json;

/**
 * Support agents and recovery tickets over the public API, for the recovery tests: agents made as
 * the operator's command makes them, who accept their invitation and enroll a device like anyone.
 */
final class SupportFixtures {

	static final String PLATFORM = "platform";
	static final String ACKNOWLEDGEMENT = "We received your support request";
	static final String PROOF = "Confirm your support request";
	static final String NOTICE = "Support will reset the chief operator's MFA";
	static final String GUIDANCE = "About your support request";

	private final Api api;
	private final Fixtures fixtures;
	private final Mailbox mailbox;
	private final MutableClock clock;
	private final SupportAgents agents;
	private final JdbcClient jdbc;

	SupportFixtures(Api api, Fixtures fixtures, Mailbox mailbox, MutableClock clock, SupportAgents agents,
			JdbcClient jdbc) {
		this.api = api;
		this.fixtures = fixtures;
		this.mailbox = mailbox;
		this.clock = clock;
		this.agents = agents;
		this.jdbc = jdbc;
	}

	/** A signed-in agent; {@code token} has its second factor verified just now. */
	record Agent(UUID id, String email, String name, String token, String secret) {

		Agent withToken(String fresh) {
			return new Agent(id, email, name, fresh, secret);
		}

	}

	/** A fresh window of the intake limits, so tests never share one. */
	void freshRequestWindow() {
		clock.advance(Duration.ofHours(1).plusSeconds(1));
	}

	Agent agent(boolean lead) {
		String email = Fixtures.uniqueEmail(lead ? "lead" : "agent");
		String name = (lead ? "Lead " : "Agent ") + Fixtures.unique();
		Users.Invitation invitation = agents.createByOperator(email, name, lead);
		String token = invitation.link().substring(invitation.link().indexOf("token=") + 6);
		api.post("/invitations/accept", json("token", token, "password", Fixtures.PASSWORD)).expect(204);
		Fixtures.Enrolled enrolled = fixtures.signInThroughEnrollment(PLATFORM, email, Fixtures.PASSWORD);
		return new Agent(invitation.account().id().value(), email, name, enrolled.accessToken(), enrolled.secret());
	}

	/** Signs the agent in again (password and TOTP), e.g. after time moved on. */
	Agent signIn(Agent agent) {
		return agent.withToken(fixtures.signInWithTotp(PLATFORM, agent.email(), Fixtures.PASSWORD, agent.secret()));
	}

	Api.Response submit(String organization, String email) {
		return api.post("/support/requests", json("organization", organization, "email", email, "message",
				"I lost my phone and I am the only administrator."));
	}

	/** Files a request and waits until it was routed. */
	UUID request(Org org, String email) {
		return routed(UUID.fromString(submit(org.slug(), email).expect(202).text("ticketId")));
	}

	/** Waits until the ticket was routed: routing follows the public answer, on a thread of its own. */
	UUID routed(UUID id) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM support_ticket WHERE id = ? AND routed_at IS NOT NULL").param(id)
				.query(Long.class).single() == 1);
		return id;
	}

	JsonNode ticket(Agent agent, UUID id) {
		return api.get("/platform/tickets/" + id, agent.token()).expect(200).json();
	}

	String state(Agent agent, UUID id) {
		return ticket(agent, id).path("summary").path("state").asString();
	}

	/** The proof link's token, from the message to the primary email. */
	String proofToken(Org org) {
		return mailbox.await(org.chiefEmail(), PROOF).token();
	}

	Api.Response prove(String token, String password) {
		return api.post("/support/email-proof", json("token", token, "password", password));
	}

	Api.Response evidence(Agent agent, UUID id, String item) {
		return api.post("/platform/tickets/" + id + "/evidence", json("item", item, "note", "checked " + item),
				agent.token());
	}

	Api.Response approve(Agent agent, UUID id) {
		return api.post("/platform/tickets/" + id + "/approve", null, agent.token());
	}

	Api.Response execute(Agent agent, UUID id) {
		return api.post("/platform/tickets/" + id + "/execute", null, agent.token());
	}

	/** An other-email ticket with sufficient evidence, first-approved by {@code first}: awaiting a lead. */
	UUID awaitingSecondApproval(Org org, Agent first) {
		UUID id = request(org, Fixtures.uniqueEmail("personal"));
		evidence(first, id, "ORGANIZATION_ID_AND_SIGNUP_DATE").expect(201);
		evidence(first, id, "PHOTO_ID_MATCHES_NAME").expect(201);
		approve(first, id).expect(200);
		return id;
	}

	/** The chief operator's confirmed authenticators, from the database. */
	long authenticators(Org org) {
		return jdbc.sql("SELECT COUNT(*) FROM authenticator WHERE organization_id = ? AND user_id = ? AND status <> 'PENDING'")
			.params(org.id(), org.chiefId()).query(Long.class).single();
	}

	/** The platform's audit events about a ticket, oldest first: action and details. */
	List<Map<String, Object>> platformAudit(UUID ticket) {
		return new ArrayList<>(jdbc.sql("""
				SELECT action, actor_type, actor_id, outcome, details FROM audit_event
				WHERE organization_id = ? AND target_id = ? ORDER BY seq""")
			.params(new UUID(0, 0), ticket).query().listOfRows());
	}

	List<String> platformActions(UUID ticket) {
		return platformAudit(ticket).stream().map(row -> (String) row.get("action")).toList();
	}

	/** The {@code mfa.reset} events of the organization's own trail about its chief operator. */
	List<Map<String, Object>> resets(Org org) {
		return jdbc.sql("""
				SELECT actor_type, actor_id, details FROM audit_event
				WHERE organization_id = ? AND action = 'mfa.reset' AND target_id = ? ORDER BY seq""")
			.params(org.id(), org.chiefId()).query().listOfRows();
	}

}
