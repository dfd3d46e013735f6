package org.gatehouse.recovery;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.Mailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.recovery.SupportFixtures.ACKNOWLEDGEMENT;
import static org.gatehouse.recovery.SupportFixtures.PROOF;

/**
 * Anyone can file a request naming an organization, so an unproven ticket must
 * not keep the chief operator's own request, from the verified primary email, out. The proof of the
 * primary mailbox supersedes the unproven tickets; a recovery already under way is not replaced, and
 * the primary address is told so.
 */
@IntegrationTest
class ChiefOperatorPrecedenceIntegrationTests extends SupportTestBase {

	static final String UNDER_WAY = "a recovery is already under way";

	Org org;

	SupportFixtures.Agent agent;

	@BeforeEach
	void setUp() {
		org = fixtures.organization();
		agent = support.agent(false);
	}

	@Test
	void aJunkTicketFromAnotherAddressDoesNotBlockTheChiefOperatorsOwnRequest() {
		String stranger = Fixtures.uniqueEmail("junk");
		UUID junk = support.request(org, stranger);
		assertThat(support.state(agent, junk)).isEqualTo("AWAITING_EVIDENCE");

		UUID own = support.request(org, org.chiefEmail());
		assertThat(support.state(agent, own)).isEqualTo("AWAITING_EMAIL_PROOF");
		Mailbox.Message proof = mailbox.await(org.chiefEmail(), PROOF);
		assertThat(proof.body()).contains(own.toString());
		support.prove(proof.token(), org.password()).expect(204);

		JsonNode superseded = support.ticket(agent, junk);
		assertThat(superseded.path("summary").path("state").asString()).isEqualTo("CANCELLED");
		assertThat(superseded.path("summary").path("reason").asString()).contains("superseded").contains(own.toString());
		Map<String, Object> audited = support.platformAudit(junk).get(support.platformAudit(junk).size() - 1);
		assertThat(audited.get("action")).isEqualTo(AuditAction.SUPPORT_TICKET_CANCELLED.value());
		assertThat(audited.get("actor_type")).isEqualTo("SYSTEM");
		assertThat((String) audited.get("details")).contains("\"supersededBy\":\"" + own + "\"")
			.contains("\"from\":\"AWAITING_EVIDENCE\"");
		support.approve(agent, junk).expectProblem(409, "conflict");

		assertThat(support.state(agent, own)).isEqualTo("AWAITING_APPROVAL");
		assertThat(support.approve(agent, own).expect(200).json().path("summary").path("state").asString())
			.isEqualTo("EXECUTED");
		assertThat(support.authenticators(org)).isZero();
		assertThat(support.resets(org)).hasSize(1);
		assertThat(mailbox.await(org.chiefEmail(), "MFA was reset on your account")).isNotNull();
		// the stranger learns nothing beyond the acknowledgement everybody gets
		mailbox.await(stranger, ACKNOWLEDGEMENT);
		assertThat(mailbox.queuedFor(stranger)).isEqualTo(1);
	}

	@Test
	void aHalfApprovedOtherEmailTicketGivesWayToTheProvenPrimaryEmail() {
		UUID halfApproved = support.awaitingSecondApproval(org, agent);
		UUID own = support.request(org, org.chiefEmail());
		support.prove(support.proofToken(org), org.password()).expect(204);

		assertThat(support.state(agent, halfApproved)).isEqualTo("CANCELLED");
		assertThat(support.platformActions(halfApproved)).last().isEqualTo(AuditAction.SUPPORT_TICKET_CANCELLED.value());
		assertThat(support.state(agent, own)).isEqualTo("AWAITING_APPROVAL");
	}

	@Test
	void aSpoofedRequestFromThePrimaryEmailLeavesOneLinkInTheMailboxAndTheChiefOperatorUsesIt() {
		UUID spoofed = support.request(org, org.chiefEmail());
		UUID own = support.request(org, org.chiefEmail());
		JsonNode duplicate = support.ticket(agent, own);
		assertThat(duplicate.path("summary").path("state").asString()).isEqualTo("REJECTED");
		assertThat(duplicate.path("summary").path("reason").asString()).contains(spoofed.toString());
		assertThat(mailbox.queuedFor(org.chiefEmail(), PROOF)).isEqualTo(1);

		support.prove(support.proofToken(org), org.password()).expect(204);
		assertThat(support.state(agent, spoofed)).isEqualTo("AWAITING_APPROVAL");
	}

	@Test
	void aRecoveryUnderWayIsNotReplacedAndThePrimaryAddressIsTold() {
		SupportFixtures.Agent lead = support.agent(true);
		UUID approved = support.awaitingSecondApproval(org, agent);
		support.approve(lead, approved).expect(200);
		assertThat(support.state(agent, approved)).isEqualTo("WAITING_PERIOD");

		UUID own = support.request(org, org.chiefEmail());
		JsonNode refused = support.ticket(agent, own);
		assertThat(refused.path("summary").path("state").asString()).isEqualTo("REJECTED");
		assertThat(refused.path("summary").path("reason").asString()).contains("under way").contains(approved.toString());
		assertThat(mailbox.await(org.chiefEmail(), UNDER_WAY).body()).contains(own.toString())
			.contains(approved.toString());
		assertThat(mailbox.queuedFor(org.chiefEmail(), PROOF)).isZero();
		assertThat(support.state(agent, approved)).isEqualTo("WAITING_PERIOD");
		assertThat(support.platformActions(own)).isEqualTo(List.of(AuditAction.SUPPORT_TICKET_OPEN.value(), AuditAction.SUPPORT_TICKET_REJECTED.value()));
	}

}
