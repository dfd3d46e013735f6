package org.gatehouse.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.OperatorMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/** The support console and its API: who reaches it, what it shows, and what it never shows. */
@IntegrationTest
class SupportConsoleIntegrationTests extends SupportTestBase {

	Org org;

	SupportFixtures.Agent agent;

	@BeforeEach
	void setUp() {
		org = fixtures.organization();
		agent = support.agent(false);
	}

	Console signedIn(SupportFixtures.Agent who) {
		Console console = fixtures.console();
		console.get("/platform/login").expect(200);
		console.post("/login", "organization", "platform", "email", who.email(), "password", Fixtures.PASSWORD)
			.expectRedirect("/login/challenge");
		console.get("/login/challenge").expect(200);
		clock.advanceToNextTotpStep();
		console.post("/login/challenge", "code", fixtures.totp(who.secret())).expectRedirect("/");
		console.get("/").expectRedirect("/platform");
		return console;
	}

	@Test
	void anAgentSignsInAtThePlatformAndWorksATicketInTheConsole() {
		UUID id = support.request(org, Fixtures.uniqueEmail("personal"));
		Console console = signedIn(agent);
		assertThat(console.get("/platform").expect(200).html().select("#queue a").eachText())
			.contains(id.toString().substring(0, 8));
		Console visitor = fixtures.console();
		visitor.get("/help/lost-device").expect(200);
		visitor.post("/help/lost-device/vote", "helpful", "false").expect(302);
		assertThat(console.get("/platform").expect(200).html().selectFirst("#help-votes").text()).contains("did not")
			.matches(".*[1-9][0-9]* did not.*");
		String page = "/platform/tickets/" + id;
		console.get(page).expect(200);
		console.post(page + "/evidence", "item", "LAST_INVOICE_AMOUNT", "note", "EUR 120, invoice of May")
			.expectRedirect(page);
		console.get(page).expect(200);
		console.post(page + "/approve").expectRedirect(page);
		Console.Page refused = console.get(page).expect(200);
		assertThat(refused.html().select(".error").text()).contains("at least 2 evidence items");
		console.post(page + "/evidence", "item", "PHOTO_ID_MATCHES_NAME", "note", "passport, video call")
			.expectRedirect(page);
		console.get(page).expect(200);
		console.post(page + "/approve").expectRedirect(page);
		Console.Page approved = console.get(page).expect(200);
		assertThat(approved.html().getElementById("ticket-state").text()).isEqualTo("AWAITING_APPROVAL");
		assertThat(approved.html().select("#evidence tbody tr")).hasSize(2);
		assertThat(approved.html().select("#timeline li").eachText()).anySatisfy(
				step -> assertThat(step).contains("AWAITING_EVIDENCE → AWAITING_APPROVAL").contains(agent.name()));
	}

	@Test
	void organizationUsersCannotReachThePlatformAtAllAndUnknownTicketsAnswer404() {
		UUID id = support.request(org, Fixtures.uniqueEmail("personal"));
		Api.Response existing = api.get("/platform/tickets/" + id, org.token()).expectProblem(403, "forbidden");
		Api.Response missing = api.get("/platform/tickets/" + UUID.randomUUID(), org.token())
			.expectProblem(403, "forbidden");
		assertThat(missing.json().path("detail")).isEqualTo(existing.json().path("detail"));
		assertThat(missing.problemSlug()).isEqualTo(existing.problemSlug());
		api.get("/platform/tickets", org.token()).expectProblem(403, "forbidden");
		api.post("/platform/tickets/" + id + "/approve", null, org.token()).expectProblem(403, "forbidden");
		api.get("/platform/agents", org.token()).expectProblem(403, "forbidden");
		api.get("/platform/tickets", null).expectProblem(401, "unauthenticated");

		Console chief = fixtures.console();
		chief.signIn(org.slug(), org.chiefEmail(), org.password()).expectRedirect("/login/challenge");
		chief.get("/login/challenge");
		clock.advanceToNextTotpStep();
		chief.post("/login/challenge", "code", fixtures.totp(org.totpSecret())).expectRedirect("/");
		chief.get("/platform").expect(403);
		chief.get("/platform/tickets/" + id).expect(403);
		fixtures.console().get("/platform").expectRedirect("/login");

		UUID unknown = UUID.randomUUID();
		api.get("/platform/tickets/" + unknown, agent.token()).expectProblem(404, "not-found");
		support.approve(agent, unknown).expectProblem(404, "not-found");
		support.execute(agent, unknown).expectProblem(404, "not-found");
		support.evidence(agent, unknown, "PHOTO_ID_MATCHES_NAME").expectProblem(404, "not-found");
		signedIn(agent).get("/platform/tickets/" + unknown).expect(404);
	}

	@Test
	void agentsSeeNothingOfAnyOrganizationAndNeverActAsAUser() {
		for (String path : List.of("/users", "/users/" + org.chiefId(), "/roles", "/organization/security",
				"/audit-events")) {
			api.get(path, agent.token()).expectProblem(403, "forbidden");
		}
		api.post("/users/" + org.chiefId() + "/mfa/disable", json("reason", "asked nicely"), agent.token())
			.expectProblem(403, "forbidden");
		assertThat(api.get("/me", agent.token()).expect(200).text("organization")).isEqualTo("platform");
		Console console = signedIn(agent);
		console.get("/account").expect(200);
		console.get("/users").expect(403);
		assertThat(support.authenticators(org)).isEqualTo(1);
	}

	@Test
	void noSecretIsEverShownInTheSupportConsole() {
		SupportFixtures.Agent lead = support.agent(true);
		UUID expedited = support.request(org, org.chiefEmail());
		String proof = support.proofToken(org);
		support.prove(proof, org.password()).expect(204);
		support.approve(agent, expedited).expect(200);
		Fixtures.Enrolled again = fixtures.signInThroughEnrollment(org.slug(), org.chiefEmail(), org.password());

		UUID standard = support.awaitingSecondApproval(org, agent);
		support.approve(lead, standard).expect(200);
		String cancel = mailbox.await(org.chiefEmail(), SupportFixtures.NOTICE).token();

		List<String> secrets = new ArrayList<>(List.of(org.totpSecret(), again.secret(), proof, cancel, agent.token(),
				agent.secret(), lead.token(), lead.secret(), org.token(), again.accessToken(), "otpauth://", "$argon2"));
		secrets.addAll(again.recoveryCodes());
		secrets.addAll(jdbc.sql("SELECT password_hash FROM app_user WHERE password_hash IS NOT NULL AND (organization_id = ? OR organization_id = ?)")
			.params(org.id(), new UUID(0, 0)).query(String.class).list());
		secrets.addAll(jdbc.sql("SELECT token_hash FROM one_time_token WHERE organization_id = ?").param(org.id())
			.query(String.class).list());
		secrets.addAll(jdbc.sql("SELECT token_hash FROM api_token WHERE organization_id = ?").param(org.id())
			.query(String.class).list());

		Console console = signedIn(lead);
		List<String> shown = new ArrayList<>();
		for (String path : List.of("/platform", "/platform?show=all", "/platform/tickets/" + expedited,
				"/platform/tickets/" + standard, "/platform/agents")) {
			shown.add(console.get(path).expect(200).body());
		}
		for (String path : List.of("/platform/tickets?state=all", "/platform/tickets/" + expedited,
				"/platform/tickets/" + standard, "/platform/agents", "/platform/evidence-items")) {
			shown.add(api.get(path, agent.token()).expect(200).body());
		}
		for (String body : shown) {
			for (String secret : secrets) {
				assertThat(body).doesNotContain(secret);
			}
		}
		assertThat(String.join("\n", shown)).contains(expedited.toString(), standard.toString());
		assertThat(prometheus()).contains("gatehouse_support_resolution_seconds_count{outcome=\"EXECUTED\",track=\"PRIMARY_EMAIL\"}");
	}

	@Test
	void theQueueShowsTheSlaClockOfEachTrackWithExpeditedTicketsFirst() {
		UUID standard = support.request(org, Fixtures.uniqueEmail("personal"));
		Org other = fixtures.organization();
		UUID expedited = support.request(other, other.chiefEmail());
		List<String> order = new ArrayList<>();
		for (JsonNode item : api.get("/platform/tickets", agent.token()).expect(200).json().path("items")) {
			String id = item.path("id").asString();
			if (id.equals(standard.toString()) || id.equals(expedited.toString())) {
				order.add(id);
				assertThat(item.path("slaClock").asString()).endsWith("left");
				java.time.Duration sla = java.time.Duration.between(java.time.Instant.parse(item.path("createdAt").asString()),
						java.time.Instant.parse(item.path("slaDueAt").asString()));
				assertThat(sla).isEqualTo(id.equals(standard.toString()) ? java.time.Duration.ofHours(72)
						: java.time.Duration.ofHours(8));
			}
		}
		assertThat(order).containsExactly(expedited.toString(), standard.toString());
		assertThat(prometheus()).contains("gatehouse_support_tickets{state=\"AWAITING_EVIDENCE\"}")
			.contains("gatehouse_support_tickets{state=\"EXECUTED\"}");
	}

	private String prometheus() {
		return OperatorMetrics.scrape(api);
	}

	@Test
	void leadsInviteAgentsAndOtherAgentsCannot() {
		SupportFixtures.Agent lead = support.agent(true);
		String email = Fixtures.uniqueEmail("newagent");
		api.post("/platform/agents", json("email", email, "name", "New Agent", "lead", false), lead.token()).expect(201);
		fixtures.acceptInvitation(email, Fixtures.PASSWORD);
		assertThat(fixtures.password("platform", email, Fixtures.PASSWORD).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
		api.post("/platform/agents", json("email", Fixtures.uniqueEmail("x"), "name", "X"), agent.token())
			.expectProblem(403, "forbidden");
		assertThat(api.get("/platform/agents", agent.token()).expect(200).json().findValuesAsString("email"))
			.contains(lead.email(), agent.email());
	}

}
