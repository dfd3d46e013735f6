package org.gatehouse.recovery;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.recovery.internal.DueResets;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.recovery.SupportFixtures.ACKNOWLEDGEMENT;

/** The expedited track of S6: the primary email proven by a link, the password once, one agent. */
@IntegrationTest
class PrimaryEmailTrackIntegrationTests extends SupportTestBase {

	@Autowired
	DueResets job;

	Org org;

	SupportFixtures.Agent agent;

	@BeforeEach
	void setUp() {
		org = fixtures.organization();
		agent = support.agent(false);
	}

	@Test
	void provenMailboxAndPasswordLetOneAgentResetTheChiefOperatorAtOnce() {
		UUID id = support.request(org, org.chiefEmail().toUpperCase(java.util.Locale.ROOT));
		assertThat(mailbox.await(org.chiefEmail(), ACKNOWLEDGEMENT).body()).contains(id.toString());
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_EMAIL_PROOF");

		Console browser = fixtures.console();
		String token = support.proofToken(org);
		browser.get("/support/proof?token=" + token).expect(200);
		Console.Page done = browser.post("/support/proof", "token", token, "password", org.password()).expect(200);
		assertThat(done.html().getElementById("proof-received")).isNotNull();

		JsonNode ticket = support.ticket(agent, id);
		assertThat(ticket.path("summary").path("state").asString()).isEqualTo("AWAITING_APPROVAL");
		assertThat(ticket.path("summary").path("track").asString()).isEqualTo("PRIMARY_EMAIL");
		assertThat(ticket.path("emailProvenAt").asString("")).isNotEmpty();
		assertThat(ticket.path("passwordProvenAt").asString("")).isNotEmpty();

		JsonNode approved = support.approve(agent, id).expect(200).json();
		assertThat(approved.path("summary").path("state").asString()).isEqualTo("EXECUTED");

		assertThat(support.authenticators(org)).isZero();
		api.get("/me", org.token()).expectProblem(401, "unauthenticated");
		assertThat(fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
		assertThat(mailbox.await(org.chiefEmail(), "MFA was reset on your account").body())
			.contains("the support team");
		Map<String, Object> reset = support.resets(org).get(0);
		assertThat(reset.get("actor_type")).isEqualTo("SUPPORT_AGENT");
		assertThat((String) reset.get("details")).contains(agent.id().toString()).contains(id.toString())
			.contains("\"by\":\"SUPPORT\"");
		assertThat(support.platformActions(id)).containsExactly(AuditAction.SUPPORT_TICKET_OPEN.value(),
				AuditAction.SUPPORT_TICKET_AWAITING_EMAIL_PROOF.value(), AuditAction.SUPPORT_TICKET_AWAITING_APPROVAL.value(), AuditAction.SUPPORT_TICKET_READY.value(),
				AuditAction.SUPPORT_TICKET_EXECUTED.value());
	}

	@Test
	void aWrongOrMissingPasswordGetsTheSameAnswerAndMovesTheTicketToTheOtherTrack() {
		UUID wrong = support.request(org, org.chiefEmail());
		Console browser = fixtures.console();
		String token = support.proofToken(org);
		browser.get("/support/proof?token=" + token).expect(200);
		Console.Page answer = browser.post("/support/proof", "token", token, "password", "not the password").expect(200);
		assertThat(answer.html().getElementById("proof-received")).isNotNull();

		JsonNode ticket = support.ticket(agent, wrong);
		assertThat(ticket.path("summary").path("state").asString()).isEqualTo("AWAITING_EVIDENCE");
		assertThat(ticket.path("summary").path("track").asString()).isEqualTo("OTHER_EMAIL");
		assertThat(ticket.path("emailProvenAt").asString("")).isNotEmpty();
		assertThat(ticket.path("passwordProvenAt").isMissingNode()).isTrue();
		support.approve(agent, wrong).expectProblem(409, "conflict");
		assertThat(support.authenticators(org)).isEqualTo(1);
	}

	@Test
	void aRequestFromThePrimaryEmailThatNeverProvesTheMailboxResetsNothing() {
		UUID id = support.request(org, org.chiefEmail());
		support.approve(agent, id).expectProblem(409, "conflict");
		support.execute(agent, id).expectProblem(409, "conflict");

		clock.advance(Duration.ofMinutes(61));
		job.run();
		assertThat(support.state(support.signIn(agent), id)).isEqualTo("EXPIRED");
		assertThat(support.authenticators(org)).isEqualTo(1);
		assertThat(support.resets(org)).isEmpty();
		api.get("/me", fixtures.signInAgain(org)).expect(200);
	}

	@Test
	void anExpiredProofLinkAnswers410() {
		support.request(org, org.chiefEmail());
		String token = support.proofToken(org);
		clock.advance(Duration.ofMinutes(61));
		support.prove(token, org.password()).expectProblem(410, "gone");
		Console browser = fixtures.console();
		browser.get("/support/proof?token=" + token).expect(200);
		browser.post("/support/proof", "token", token, "password", org.password()).expect(410);
		assertThat(support.authenticators(org)).isEqualTo(1);
	}

	@Test
	void aReusedProofLinkAnswers410AndChangesNothing() {
		UUID id = support.request(org, org.chiefEmail());
		String token = support.proofToken(org);
		support.prove(token, "wrong guess").expect(204);
		support.prove(token, org.password()).expectProblem(410, "gone");
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_EVIDENCE");
		support.prove("never-issued-" + Fixtures.unique(), org.password()).expectProblem(410, "gone");
	}

	@Test
	void theProofLinkGoesOnlyToThePrimaryEmailOfRecordNeverToTheContact() {
		String typed = Fixtures.uniqueEmail("someone");
		support.request(org, typed);
		mailbox.await(typed, ACKNOWLEDGEMENT);
		assertThat(mailbox.queuedFor(typed, SupportFixtures.PROOF)).isZero();
		assertThat(mailbox.queuedFor(org.chiefEmail(), SupportFixtures.PROOF)).isZero();
	}

}
