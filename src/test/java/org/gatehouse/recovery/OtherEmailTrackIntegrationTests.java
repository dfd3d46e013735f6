package org.gatehouse.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.recovery.internal.DueResets;
import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.gatehouse.recovery.SupportFixtures.NOTICE;

/** The standard track of S6: identity evidence, two agents, a waiting period anyone notified can cancel. */
@IntegrationTest
class OtherEmailTrackIntegrationTests extends SupportTestBase {

	@Autowired
	DueResets job;

	@Autowired
	Cancellation cancellation;

	@Autowired
	PlatformTransactionManager transactions;

	Org org;

	SupportFixtures.Agent agent;

	SupportFixtures.Agent lead;

	@BeforeEach
	void setUp() {
		org = fixtures.organization();
		agent = support.agent(false);
		lead = support.agent(true);
	}

	@Test
	void evidenceTwoAgentsAndAnUncancelledWaitingPeriodResetTheChiefOperator() {
		String contact = Fixtures.uniqueEmail("personal");
		UUID id = support.request(org, contact);
		mailbox.await(contact, SupportFixtures.ACKNOWLEDGEMENT);
		assertThat(mailbox.queuedFor(org.chiefEmail(), SupportFixtures.PROOF)).isZero();
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_EVIDENCE");

		support.evidence(agent, id, "ORGANIZATION_ID_AND_SIGNUP_DATE").expect(201);
		support.evidence(agent, id, "LAST_INVOICE_AMOUNT").expect(201);
		support.approve(agent, id).expectProblem(409, "conflict");
		support.evidence(agent, id, "CALLBACK_TO_PHONE_ON_FILE").expect(201);
		support.approve(agent, id).expect(200);
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_APPROVAL");

		JsonNode waiting = support.approve(lead, id).expect(200).json();
		assertThat(waiting.path("summary").path("state").asString()).isEqualTo("WAITING_PERIOD");
		Instant until = Instant.parse(waiting.path("summary").path("waitingUntil").asString());
		assertThat(Duration.between(clock.instant(), until)).isBetween(Duration.ofHours(71), Duration.ofHours(72));
		assertThat(mailbox.await(org.chiefEmail(), NOTICE).body()).contains("/support/cancel?token=");
		support.execute(lead, id).expectProblem(409, "conflict");
		job.run();
		assertThat(support.authenticators(org)).isEqualTo(1);

		clock.advance(Duration.ofHours(72).plusMinutes(1));
		job.run();
		assertThat(support.state(support.signIn(agent), id)).isEqualTo("EXECUTED");
		assertThat(support.authenticators(org)).isZero();
		assertThat(fixtures.password(org.slug(), org.chiefEmail(), org.password()).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
		String details = (String) support.resets(org).get(0).get("details");
		assertThat(details).contains("\"approvedBy\":\"" + lead.id()).contains("\"firstApprovedBy\":\"" + agent.id())
			.contains("\"evidenceCheckedBy\":\"" + agent.id()).contains("\"executedBy\":\"scheduler\"");
		assertThat(mailbox.await(org.chiefEmail(), "MFA was reset on your account")).isNotNull();
		assertThat(support.platformActions(id)).containsSubsequence(AuditAction.SUPPORT_TICKET_AWAITING_EVIDENCE.value(),
				AuditAction.SUPPORT_EVIDENCE_RECORDED.value(), AuditAction.SUPPORT_TICKET_AWAITING_APPROVAL.value(), AuditAction.SUPPORT_TICKET_WAITING_PERIOD.value(),
				AuditAction.SUPPORT_TICKET_READY.value(), AuditAction.SUPPORT_TICKET_EXECUTED.value());
	}

	@Test
	void anApprovalTheTicketCannotTakeGets409AndLeavesARefusalInThePlatformAudit() {
		String contact = Fixtures.uniqueEmail("personal");
		UUID id = support.request(org, contact);
		mailbox.await(contact, SupportFixtures.ACKNOWLEDGEMENT);
		support.evidence(agent, id, "ORGANIZATION_ID_AND_SIGNUP_DATE").expect(201);
		support.approve(agent, id).expectProblem(409, "conflict");
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_EVIDENCE");

		support.evidence(agent, id, "LAST_INVOICE_AMOUNT").expect(201);
		support.evidence(agent, id, "CALLBACK_TO_PHONE_ON_FILE").expect(201);
		support.approve(agent, id).expect(200);
		support.approve(lead, id).expect(200);
		support.approve(lead, id).expectProblem(409, "conflict");
		assertThat(support.state(lead, id)).isEqualTo("WAITING_PERIOD");

		assertThat(support.platformAudit(id)).filteredOn(row -> "REFUSED".equals(row.get("outcome")))
			.extracting(row -> row.get("action"), row -> row.get("actor_id"))
			.containsExactly(tuple(AuditAction.SUPPORT_TICKET_APPROVED.value(), agent.id()),
					tuple(AuditAction.SUPPORT_TICKET_APPROVED.value(), lead.id()));
	}

	@Test
	void theSameAgentApprovingTwiceGets403AndChangesNothing() {
		UUID id = support.awaitingSecondApproval(org, lead);
		support.approve(lead, id).expectProblem(403, "forbidden");
		assertThat(support.state(lead, id)).isEqualTo("AWAITING_APPROVAL");
		assertThat(support.platformAudit(id)).anySatisfy(row -> {
			assertThat(row.get("action")).isEqualTo(AuditAction.SUPPORT_TICKET_APPROVED.value());
			assertThat(row.get("outcome")).isEqualTo("REFUSED");
			assertThat(row.get("actor_id")).isEqualTo(lead.id());
		});
		assertThat(mailbox.queuedFor(org.chiefEmail(), NOTICE)).isZero();
	}

	@Test
	void anAgentWhoCheckedEvidenceCannotGiveTheSecondApprovalNorCanAnAgentWhoIsNoLead() {
		SupportFixtures.Agent otherLead = support.agent(true);
		UUID id = support.request(org, Fixtures.uniqueEmail("personal"));
		support.evidence(otherLead, id, "PHOTO_ID_MATCHES_NAME").expect(201);
		support.evidence(agent, id, "CARD_LAST_DIGITS").expect(201);
		support.approve(agent, id).expect(200);
		support.approve(otherLead, id).expectProblem(403, "forbidden");
		SupportFixtures.Agent plain = support.agent(false);
		support.approve(plain, id).expectProblem(403, "forbidden");
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_APPROVAL");
		support.approve(lead, id).expect(200);
	}

	@Test
	void knowledgeFactsAloneNeverUnlockAnything() {
		UUID id = support.request(org, Fixtures.uniqueEmail("personal"));
		for (String item : List.of("ORGANIZATION_ID_AND_SIGNUP_DATE", "LAST_INVOICE_AMOUNT", "BILLING_ADDRESS",
				"CARD_LAST_DIGITS", "BIRTH_DATE")) {
			support.evidence(agent, id, item).expect(201);
		}
		support.approve(agent, id).expectProblem(409, "conflict");
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_EVIDENCE");
	}

	@Test
	void cancellingFromTheNoticeDuringTheWaitingPeriodStopsTheReset() {
		UUID id = support.awaitingSecondApproval(org, agent);
		support.approve(lead, id).expect(200);
		String cancel = mailbox.await(org.chiefEmail(), NOTICE).token();

		clock.advance(Duration.ofHours(24));
		org.gatehouse.support.Console browser = fixtures.console();
		browser.get("/support/cancel?token=" + cancel).expect(200);
		assertThat(browser.post("/support/cancel", "token", cancel).expect(200).html().getElementById("cancelled"))
			.isNotNull();
		api.post("/support/cancel", Api.json("token", cancel)).expectProblem(410, "gone");
		clock.advance(Duration.ofHours(49));
		job.run();
		assertThat(support.state(support.signIn(agent), id)).isEqualTo("CANCELLED");
		assertThat(support.authenticators(org)).isEqualTo(1);
		assertThat(support.resets(org)).isEmpty();
		assertThat(mailbox.await(org.chiefEmail(), "was cancelled")).isNotNull();
	}

	@Test
	void aCancellationDuringTheWaitingPeriodWinsAgainstTheJobRunningAtTheSameMoment() throws Exception {
		UUID id = support.awaitingSecondApproval(org, agent);
		support.approve(lead, id).expect(200);
		String cancel = mailbox.await(org.chiefEmail(), NOTICE).token();
		clock.advance(Duration.ofHours(72).minusSeconds(1));

		TransactionTemplate tx = new TransactionTemplate(transactions);
		AtomicReference<CompletableFuture<Void>> jobRun = new AtomicReference<>();
		tx.executeWithoutResult(status -> {
			cancellation.cancel(cancel);
			clock.advance(Duration.ofSeconds(2));
			jobRun.set(CompletableFuture.runAsync(() -> job.executeIfDue(id)));
			sleep(300);
			assertThat(jobRun.get()).as("the job waits for the cancellation's row lock").isNotDone();
		});
		jobRun.get().get(10, TimeUnit.SECONDS);
		job.run();

		assertThat(support.state(support.signIn(agent), id)).isEqualTo("CANCELLED");
		assertThat(support.authenticators(org)).isEqualTo(1);
		assertThat(support.resets(org)).isEmpty();
	}

	@Test
	void theResetRunsOnceHoweverOftenItIsTriggered() {
		UUID id = support.awaitingSecondApproval(org, agent);
		support.approve(lead, id).expect(200);
		clock.advance(Duration.ofHours(73));
		job.run();
		SupportFixtures.Agent fresh = support.signIn(agent);
		assertThat(support.state(fresh, id)).isEqualTo("EXECUTED");
		support.execute(fresh, id).expectProblem(409, "conflict");
		support.approve(fresh, id).expectProblem(409, "conflict");
		job.run();
		job.executeIfDue(id);

		Fixtures.Enrolled again = fixtures.signInThroughEnrollment(org.slug(), org.chiefEmail(), org.password());
		support.execute(fresh, id).expectProblem(409, "conflict");
		job.run();
		assertThat(support.authenticators(org)).isEqualTo(1);
		api.get("/me", again.accessToken()).expect(200);
		assertThat(support.resets(org)).hasSize(1);
		assertThat(support.platformActions(id).stream().filter(AuditAction.SUPPORT_TICKET_EXECUTED.value()::equals)).hasSize(1);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
