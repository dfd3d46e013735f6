package org.gatehouse.recovery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gatehouse.recovery.internal.DueResets;
import org.gatehouse.support.Api;
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
import static org.gatehouse.support.Api.json;

/** Intake of S6: the form and its API, the same answer for everyone, the guards, the limits. */
@IntegrationTest
class IntakeIntegrationTests extends SupportTestBase {

	@Autowired
	DueResets job;

	Org org;

	@BeforeEach
	void setUp() {
		org = fixtures.organization();
	}

	@Test
	void answersAndAcknowledgesTheSameWhetherOrNotTheOrganizationOrAddressExists() {
		String stranger = Fixtures.uniqueEmail("stranger");
		String nobody = Fixtures.uniqueEmail("nobody");
		Api.Response known = support.submit(org.slug(), org.chiefEmail()).expect(202);
		Api.Response unknownAddress = support.submit(org.slug(), stranger).expect(202);
		Api.Response unknownOrganization = support.submit("no-such-" + Fixtures.unique(), nobody).expect(202);
		for (Api.Response answer : List.of(known, unknownAddress, unknownOrganization)) {
			assertThat(answer.json().propertyNames()).containsExactly("ticketId");
		}
		String first = mailbox.await(org.chiefEmail(), ACKNOWLEDGEMENT).body().replace(known.text("ticketId"), "ID");
		assertThat(mailbox.await(stranger, ACKNOWLEDGEMENT).body().replace(unknownAddress.text("ticketId"), "ID"))
			.isEqualTo(first);
		assertThat(mailbox.await(nobody, ACKNOWLEDGEMENT).body().replace(unknownOrganization.text("ticketId"), "ID"))
			.isEqualTo(first);
	}

	@Test
	void theRequestPageFilesATicketAndRedirectsToTheAcknowledgement() {
		Console browser = fixtures.console();
		browser.get("/help/lost-device").expect(200);
		assertThat(browser.get("/help/lost-device").html().getElementById("submit-request").attr("href"))
			.isEqualTo("/support/request");
		browser.get("/support/request").expect(200);
		String contact = Fixtures.uniqueEmail("form");
		browser.post("/support/request", "organization", org.slug(), "email", contact, "message", "Lost my phone\nplease help")
			.expectRedirect("/support/request");
		assertThat(browser.get("/support/request").body()).contains("We received your request");
		mailbox.await(contact, ACKNOWLEDGEMENT);
		browser.post("/support/request", "organization", org.slug(), "email", "not an address", "message", "")
			.expect(400);
	}

	@Test
	void theRequestPageAcknowledgesAMailboxAtMostThreeTimesAnHour() {
		Console browser = fixtures.console();
		String contact = Fixtures.uniqueEmail("page");
		for (int i = 0; i < 6; i++) {
			browser.get("/support/request").expect(200);
			browser.post("/support/request", "organization", org.slug(), "email", contact, "message", "help")
				.expectRedirect("/support/request");
			assertThat(browser.get("/support/request").body()).contains("We received your request");
		}
		assertThat(mailbox.queuedFor(contact, ACKNOWLEDGEMENT)).isEqualTo(3);
	}

	@Test
	void aRequestForAnOrganizationWithAnotherAdministratorIsRefusedWithGuidanceToTheAddressOfRecord() {
		SupportFixtures.Agent agent = support.agent(false);
		fixtures.member(org, "Administrator", "EMPLOYEE");
		String contact = Fixtures.uniqueEmail("personal");
		UUID id = support.request(org, contact);

		JsonNode ticket = support.ticket(agent, id);
		assertThat(ticket.path("summary").path("state").asString()).isEqualTo("REJECTED");
		assertThat(ticket.path("summary").path("reason").asString()).contains("another active administrator");
		assertThat(mailbox.await(org.chiefEmail(), SupportFixtures.GUIDANCE).body()).contains("Disable MFA");
		assertThat(mailbox.await(contact, ACKNOWLEDGEMENT).body()).doesNotContain(org.name());
		assertThat(mailbox.queuedFor(contact, SupportFixtures.GUIDANCE)).isZero();
		support.approve(agent, id).expectProblem(409, "conflict");
	}

	/**
	 * Anyone may name an organization, from as many addresses and clients as they like: the guidance to
	 * its address of record counts with that mailbox's acknowledgements, three an hour.
	 */
	@Test
	void namingAnOrganizationAgainAndAgainSendsItsAddressOfRecordAtMostThreeGuidanceMailsAnHour() {
		SupportFixtures.Agent agent = support.agent(false);
		fixtures.member(org, "Administrator", "EMPLOYEE");
		List<UUID> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Api client = api.withHeader("X-Forwarded-For", "192.0.2." + (i + 1));
			ids.add(UUID.fromString(client.post("/support/requests", json("organization", org.slug(), "email",
					Fixtures.uniqueEmail("stranger"), "message", "help")).expect(202).text("ticketId")));
		}
		ids.forEach(support::routed);

		assertThat(ids).allSatisfy(id -> assertThat(support.state(agent, id)).isEqualTo("REJECTED"));
		assertThat(mailbox.queuedFor(org.chiefEmail(), SupportFixtures.GUIDANCE)).isEqualTo(3);

		support.freshRequestWindow();
		support.routed(support.request(org, Fixtures.uniqueEmail("stranger")));
		assertThat(mailbox.queuedFor(org.chiefEmail(), SupportFixtures.GUIDANCE)).isEqualTo(4);
	}

	@Test
	void anOrganizationHasAtMostOneOpenRecoveryFromAddressesOtherThanThePrimaryEmail() {
		SupportFixtures.Agent agent = support.agent(false);
		UUID first = support.request(org, Fixtures.uniqueEmail("first"));
		UUID second = support.request(org, Fixtures.uniqueEmail("second"));
		assertThat(support.state(agent, first)).isEqualTo("AWAITING_EVIDENCE");
		JsonNode duplicate = support.ticket(agent, second);
		assertThat(duplicate.path("summary").path("state").asString()).isEqualTo("REJECTED");
		assertThat(duplicate.path("summary").path("reason").asString()).contains(first.toString());

		api.post("/platform/tickets/" + first + "/reject", json("reason", "caller could not be reached"), agent.token())
			.expect(200);
		UUID third = support.request(org, Fixtures.uniqueEmail("third"));
		assertThat(support.state(agent, third)).isEqualTo("AWAITING_EVIDENCE");
	}

	/**
	 * The form mails an acknowledgement to whatever address is typed, so without a limit anyone could
	 * flood a mailbox through it. A mailbox gets three an hour, however its address is spelled and from however many clients; the requests
	 * past that are filed and answered exactly the same, without mail.
	 */
	@Test
	void aMailboxGetsAtMostThreeAcknowledgementsAnHour() {
		String victim = Fixtures.uniqueEmail("victim");
		String local = victim.substring(0, victim.indexOf('@'));
		String domain = victim.substring(victim.indexOf('@') + 1);
		List<String> spellings = List.of(victim, victim.toUpperCase(java.util.Locale.ROOT), local + "+1@" + domain,
				local + "+support@" + domain.toUpperCase(java.util.Locale.ROOT), local + "@" + domain + ".");
		List<Api.Response> answers = new java.util.ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Api client = api.withHeader("X-Forwarded-For", "198.51.100." + (i + 1));
			answers.add(client.post("/support/requests", json("organization", i % 2 == 0 ? org.slug()
					: "no-such-" + Fixtures.unique(), "email", spellings.get(i % spellings.size()), "message", "help")));
		}
		for (Api.Response answer : answers) {
			answer.expect(202);
			assertThat(answer.json().propertyNames()).containsExactly("ticketId");
		}
		List<String> mailboxes = spellings.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
		assertThat(mailboxes.stream().mapToLong(to -> mailbox.queuedFor(to, ACKNOWLEDGEMENT)).sum()).isEqualTo(3);
		mailbox.await(victim, ACKNOWLEDGEMENT);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM support_ticket WHERE contact_email LIKE ?").param(local + "%")
			.query(Long.class).single()).isEqualTo(30);

		support.freshRequestWindow();
		support.submit(org.slug(), victim).expect(202);
		assertThat(mailboxes.stream().mapToLong(to -> mailbox.queuedFor(to, ACKNOWLEDGEMENT)).sum()).isEqualTo(4);
	}

	/** The count is taken under a row lock: requests that arrive together still get three acknowledgements. */
	@Test
	void aMailboxGetsThreeAcknowledgementsAlsoWhenItsRequestsArriveTogether() throws Exception {
		int rounds = 20;
		int together = 8;
		ExecutorService threads = Executors.newFixedThreadPool(together);
		try {
			for (int round = 0; round < rounds; round++) {
				String victim = Fixtures.uniqueEmail("together");
				CyclicBarrier start = new CyclicBarrier(together);
				List<Future<Integer>> answers = new java.util.ArrayList<>();
				for (int i = 0; i < together; i++) {
					Api client = api.withHeader("X-Forwarded-For", "203.0.113." + (round * together + i) % 250);
					String organization = i % 2 == 0 ? org.slug() : "no-such-" + Fixtures.unique();
					answers.add(threads.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						return client.post("/support/requests", json("organization", organization, "email", victim,
								"message", "help")).status();
					}));
				}
				for (Future<Integer> answer : answers) {
					assertThat(answer.get(30, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(202);
				}
				assertThat(mailbox.queuedFor(victim, ACKNOWLEDGEMENT)).as("round %d", round).isEqualTo(3);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void requestsAreLimitedPerClientAddress() {
		int accepted = 0;
		Api.Response answer;
		do {
			answer = support.submit(accepted % 2 == 0 ? org.slug() : "no-such-" + Fixtures.unique(),
					Fixtures.uniqueEmail("spray"));
			accepted += answer.status() == 202 ? 1 : 0;
		}
		while (answer.status() == 202 && accepted <= 30);
		Api.Response refused = answer.expectProblem(429, "throttled");
		assertThat(refused.header("Retry-After")).isPresent();
		assertThat(accepted).isEqualTo(10);
		// the refusal does not depend on the organization
		support.submit("no-such-" + Fixtures.unique(), Fixtures.uniqueEmail("spray")).expectProblem(429, "throttled");
		support.freshRequestWindow();
		support.submit(org.slug(), Fixtures.uniqueEmail("later")).expect(202);
	}

	/** A node that stopped between the answer and the routing leaves the request to the support job. */
	@Test
	void aRequestANodeNeverRoutedIsRoutedByTheSupportJob() {
		SupportFixtures.Agent agent = support.agent(false);
		UUID id = UUID.randomUUID();
		java.time.OffsetDateTime filed = clock.instant().minus(java.time.Duration.ofMinutes(2))
			.atOffset(java.time.ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO support_ticket (id, organization_typed, contact_email, message, channel, state, created_at,
				updated_at) VALUES (?, ?, ?, 'help', 'FORM', 'OPEN', ?, ?)""")
			.params(id, org.slug(), org.chiefEmail(), filed, filed).update();
		job.run();
		assertThat(support.state(agent, support.routed(id))).isEqualTo("AWAITING_EMAIL_PROOF");
		assertThat(mailbox.await(org.chiefEmail(), SupportFixtures.PROOF).body()).contains(id.toString());
		job.run();
		assertThat(mailbox.queuedFor(org.chiefEmail(), SupportFixtures.PROOF)).isEqualTo(1);
	}

	@Test
	void badInputIsRefusedAndFilesNothing() {
		long before = jdbc.sql("SELECT COUNT(*) FROM support_ticket").query(Long.class).single();
		support.submit(org.slug(), "no address").expectProblem(400, "invalid-input");
		api.post("/support/requests", json("organization", org.slug(), "email", org.chiefEmail(), "message",
				"bidi \u202E trick"), null).expectProblem(400, "invalid-input");
		api.post("/support/requests", Map.of("email", org.chiefEmail()), null).expectProblem(400, "invalid-input");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM support_ticket").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void inboundEmailIsOffWithoutASharedSecret() {
		api.sendRaw("POST", "/support/inbound-email", "From: a@example.test\r\n\r\nhello", null)
			.expectProblem(404, "not-found");
	}

}
