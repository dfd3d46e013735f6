package org.gatehouse.recovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inbound email from the mail gateway (its own context: the shared secret is set). The From header
 * and the gateway's Authentication-Results prove nothing: only the proof link to the address of
 * record does.
 */
@IntegrationTest
@TestPropertySource(properties = "gatehouse.support.inbound-secret=" + InboundEmailIntegrationTests.SECRET)
class InboundEmailIntegrationTests extends SupportTestBase {

	static final String SECRET = "gateway-secret-for-tests-0123456789";

	Org org;

	@BeforeEach
	void setUp() {
		org = fixtures.organization();
	}

	HttpResponse<String> deliver(String message, String secret) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/support/inbound-email"))
			.header("Content-Type", "message/rfc822")
			.POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8));
		if (secret != null) {
			request.header("X-Gatehouse-Inbound-Secret", secret);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	String message(String from, String replyTo, String subject, String body) {
		return "Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=" + from + "; dkim=pass; dmarc=pass\r\n"
				+ "From: Chief <" + from + ">\r\n" + (replyTo == null ? "" : "Reply-To: " + replyTo + "\r\n")
				+ "To: support@gatehouse.test\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
	}

	@Test
	void aMessageFromThePrimaryEmailGetsAProofLinkToTheAddressOfRecordOnlyAndResetsNothingWithoutIt() throws Exception {
		SupportFixtures.Agent agent = support.agent(false);
		String attacker = Fixtures.uniqueEmail("reply-here");
		HttpResponse<String> answer = deliver(message(org.chiefEmail(), attacker, "Lost my phone",
				"Hello,\nOrganization: " + org.slug() + "\nPlease reset my MFA."), SECRET);
		assertThat(answer.statusCode()).isEqualTo(202);
		UUID id = support.routed(UUID.fromString(Api.JSON.readTree(answer.body()).path("ticketId").asString()));

		JsonNode ticket = support.ticket(agent, id);
		assertThat(ticket.path("summary").path("channel").asString()).isEqualTo("EMAIL");
		assertThat(ticket.path("summary").path("state").asString()).isEqualTo("AWAITING_EMAIL_PROOF");
		assertThat(ticket.path("authenticationResults").asString()).contains("dkim=pass");
		assertThat(ticket.path("message").asString()).contains("Please reset my MFA");
		mailbox.await(org.chiefEmail(), SupportFixtures.PROOF);
		assertThat(mailbox.queuedFor(attacker)).isZero();

		support.approve(agent, id).expectProblem(409, "conflict");
		support.execute(agent, id).expectProblem(409, "conflict");
		assertThat(support.authenticators(org)).isEqualTo(1);
		assertThat(support.resets(org)).isEmpty();
	}

	@Test
	void theOrganizationMayComeFromTheSubjectAndAnotherSenderTakesTheOtherTrack() throws Exception {
		SupportFixtures.Agent agent = support.agent(false);
		String personal = Fixtures.uniqueEmail("personal");
		HttpResponse<String> answer = deliver(message(personal, null, "MFA reset for organization " + org.slug(),
				"I am the chief operator and lost my phone."), SECRET);
		assertThat(answer.statusCode()).isEqualTo(202);
		UUID id = support.routed(UUID.fromString(Api.JSON.readTree(answer.body()).path("ticketId").asString()));
		assertThat(support.state(agent, id)).isEqualTo("AWAITING_EVIDENCE");
		mailbox.await(personal, SupportFixtures.ACKNOWLEDGEMENT);
	}

	/** The mailbox limit on the gateway's path: a forged From gets three acknowledgements an hour, no more. */
	@Test
	void aSenderAddressGetsAtMostThreeAcknowledgementsAnHour() throws Exception {
		String victim = Fixtures.uniqueEmail("forged-from");
		for (int i = 0; i < 8; i++) {
			String from = i % 2 == 0 ? victim : victim.replace("@", "+" + i + "@");
			HttpResponse<String> answer = deliver(message(from, null, "help", "Organization: " + (i % 3 == 0
					? org.slug() : "no-such-" + Fixtures.unique())), SECRET);
			assertThat(answer.statusCode()).isEqualTo(202);
			assertThat(Api.JSON.readTree(answer.body()).propertyNames()).containsExactly("ticketId");
		}
		long acknowledged = jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE ? AND subject LIKE ?")
			.params(victim.substring(0, victim.indexOf('@')) + "%", "%" + SupportFixtures.ACKNOWLEDGEMENT + "%")
			.query(Long.class).single();
		assertThat(acknowledged).isEqualTo(3);
	}

	@Test
	void theGatewayMustKnowTheSecret() throws Exception {
		String body = message(org.chiefEmail(), null, "help", "Organization: " + org.slug());
		long before = jdbc.sql("SELECT COUNT(*) FROM support_ticket").query(Long.class).single();
		assertThat(deliver(body, null).statusCode()).isEqualTo(403);
		assertThat(deliver(body, "wrong-secret-0123456789").statusCode()).isEqualTo(403);
		assertThat(deliver("this is not an email", SECRET).statusCode()).isEqualTo(400);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM support_ticket").query(Long.class).single()).isEqualTo(before);
	}

}
