package org.gatehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Console.SESSION_COOKIE;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * Two Gatehouse processes on one PostgreSQL database behave as one: a sign-in may hop between
 * them, a code works once across both, the failure budget is shared, logout and an MFA reset on
 * one node end the sign-in on the other at its next request, and the outbox sends every message
 * once although both nodes dispatch it. Node processes run in the PostgreSQL execution only.
 */
@EnabledIfSystemProperty(named = TestEnvironment.DATABASE_PROPERTY, matches = "postgresql")
class TwoNodesIntegrationTests {

	static final String RESET_SUBJECT = "MFA was reset on your account";
	static final HttpClient LOAD_BALANCER = HttpClient.newHttpClient();

	static GatehouseNodes nodes;
	static GatehouseNode one;
	static GatehouseNode two;
	static Mailbox mailbox;
	static Fixtures onOne;
	static Fixtures onTwo;
	static final RealTimeTotp totp = new RealTimeTotp();

	@BeforeAll
	static void twoNodesOnOneDatabase() {
		nodes = GatehouseNodes.onFreshDatabase();
		one = nodes.launch("one", Map.of());
		two = nodes.launch("two", Map.of());
		one.awaitReady();
		two.awaitReady();
		mailbox = nodes.mailbox();
		onOne = new Fixtures(one.api(), mailbox, new MutableClock());
		onTwo = new Fixtures(two.api(), mailbox, new MutableClock());
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.close();
		}
	}

	Org organization() {
		Org org = onOne.organization();
		totp.used(org.totpSecret());
		return org;
	}

	String loginToken(GatehouseNode node, Org org) {
		Api.Response answer = node.api()
			.post("/login", json("organization", org.slug(), "email", org.chiefEmail(), "password", PASSWORD))
			.expect(200);
		assertThat(answer.text("next")).isEqualTo("MFA_CHALLENGE");
		return answer.text("loginToken");
	}

	Api.Response challenge(GatehouseNode node, String loginToken, String code) {
		return node.api().post("/login/mfa", json("loginToken", loginToken, "code", code));
	}

	@Test
	void aNodeStartsFromTheBeanDefinitionsCompiledAtBuildTimeAndServesWhatOperatorsRelyOn() throws Exception {
		// the packaged jar as it ships: Spring AOT's generated context, not conditions evaluated at start-up
		assertThat(one.logged("Starting AOT-processed GatehouseApplication")).isTrue();
		Api api = one.api();
		assertThat(api.fetch("/actuator/health", "application/json").body()).contains("\"status\":\"UP\"");
		HttpResponse<String> document = api.fetch("/v3/api-docs", "application/json");
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).contains("/api/v1/login/mfa").contains("/api/v1/users/{id}/mfa/disable");
		assertThat(api.fetch("/swagger-ui/index.html", "text/html").statusCode()).isEqualTo(200);
		assertThat(api.fetch("/login", "text/html").body()).contains("<form");
	}

	@Test
	void theMigrateCommandFindsTheSchemaTheNodesMigratedCurrentAndLeavesFlywayAlone() {
		String printed = nodes.command("migrate");

		assertThat(printed).contains("Database schema is current").contains("Flyway not started")
			.contains("gatehouse migrate: the database schema is current");
		assertThat(printed).doesNotContain("org.flywaydb").doesNotContain("Gatehouse is ready");
	}

	@Test
	void thePasswordOnOneNodeAndTheCodeOnTheOtherCompleteOneSignIn() {
		Org org = organization();

		String loginToken = loginToken(one, org);
		Api.Response done = challenge(two, loginToken, totp.fresh(org.totpSecret())).expect(200);
		assertThat(done.text("next")).isEqualTo("DONE");
		String access = done.text("accessToken");
		assertThat(one.api().get("/me", access).expect(200).text("email")).isEqualTo(org.chiefEmail());
		assertThat(two.api().get("/me", access).expect(200).text("email")).isEqualTo(org.chiefEmail());
		challenge(one, loginToken, totp.wrong(org.totpSecret())).expectProblem(401, "sign-in-failed"); // used up
	}

	@Test
	void aConsoleSignInStartedOnOneNodeFinishesOnTheOtherAndItsSessionHoldsOnBoth() {
		Org org = organization();
		Console first = one.console();
		first.signIn(org.slug(), org.chiefEmail(), PASSWORD).expectRedirect("/login/challenge");
		String halfway = first.sessionCookie().orElseThrow();
		Console second = Console.withCookie(two.port(), SESSION_COOKIE, halfway);
		second.get("/login/challenge").expect(200);
		String signedIn = second.post("/login/challenge", "code", totp.fresh(org.totpSecret()))
			.expectRedirect("/")
			.setCookie(SESSION_COOKIE)
			.orElseThrow();
		assertThat(signedIn).isNotEqualTo(halfway);
		Console.withCookie(two.port(), SESSION_COOKIE, signedIn).get("/account").expect(200);
		Console.withCookie(one.port(), SESSION_COOKIE, signedIn).get("/account").expect(200);
		Console.withCookie(one.port(), SESSION_COOKIE, halfway).get("/account").expectRedirect("/login");
	}

	@Test
	void theSameCodeSentToBothNodesAtOnceSucceedsExactlyOnce() throws Exception {
		Org org = organization();
		List<String> secrets = new ArrayList<>(List.of(org.totpSecret()));
		for (String label : List.of("Tablet", "Laptop")) {
			Api.Response added = one.api().post("/me/authenticators", json("label", label), org.token()).expect(201);
			String secret = added.text("secret");
			one.api().post("/me/authenticators/" + added.text("authenticatorId") + "/confirm",
					json("code", totp.fresh(secret)), org.token()).expect(200);
			secrets.add(secret);
		}

		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (String secret : secrets) {
				String onFirst = loginToken(one, org);
				String onSecond = loginToken(two, org);
				long accessTokens = accessTokens(org.chiefId());
				String code = totp.fresh(secret);
				CountDownLatch start = new CountDownLatch(1);
				Future<Api.Response> a = threads.submit(() -> {
					start.await();
					return challenge(one, onFirst, code);
				});
				Future<Api.Response> b = threads.submit(() -> {
					start.await();
					return challenge(two, onSecond, code);
				});
				start.countDown();
				List<Api.Response> answers = List.of(a.get(), b.get());

				assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 401);
				answers.stream().filter(r -> r.status() == 401).forEach(r -> r.expectProblem(401, "sign-in-failed"));
				assertThat(accessTokens(org.chiefId())).isEqualTo(accessTokens + 1);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void failuresSpreadOverBothNodesLockTheAccountAsOnOne() {
		Org org = organization();
		String onFirst = loginToken(one, org);
		String onSecond = loginToken(two, org);
		String wrong = totp.wrong(org.totpSecret());

		challenge(one, onFirst, wrong).expectProblem(401, "sign-in-failed");
		challenge(two, onSecond, wrong).expectProblem(401, "sign-in-failed");
		challenge(one, onFirst, wrong).expectProblem(401, "sign-in-failed");
		challenge(two, onSecond, wrong).expectProblem(401, "sign-in-failed");
		Api.Response fifth = challenge(one, onFirst, wrong).expectProblem(429, "throttled");
		assertThat(fifth.header("Retry-After")).contains("30");

		String right = totp.fresh(org.totpSecret());
		challenge(two, onSecond, right).expectProblem(429, "throttled");
		challenge(two, loginToken(two, org), right).expectProblem(429, "throttled");
		challenge(one, onFirst, right).expectProblem(401, "sign-in-failed");
		assertThat(nodes.jdbc().sql("SELECT failures FROM mfa_failure_budget WHERE user_id = ?")
			.param(org.chiefId()).query(Integer.class).single()).isEqualTo(5);
		List<?> locks = onOne.audit(org.token(), AuditAction.MFA_LOCKED.value());
		assertThat(locks).hasSize(1);
		assertThat(onOne.audited(org.token(), AuditAction.MFA_LOCKED.value(), org.chiefId()).path("details").path("failures").asString())
			.isEqualTo("5");
	}

	@Test
	void logoutOnOneNodeEndsTheTokenAndTheSessionOnTheOtherAtTheirNextRequest() {
		Org org = organization();
		two.api().get("/me", org.token()).expect(200);
		one.api().post("/logout", null, org.token()).expect(204);
		two.api().get("/me", org.token()).expectProblem(401, "unauthenticated");

		Console first = one.console();
		first.signIn(org.slug(), org.chiefEmail(), PASSWORD).expectRedirect("/login/challenge");
		first.get("/login/challenge").expect(200);
		first.post("/login/challenge", "code", totp.fresh(org.totpSecret())).expectRedirect("/");
		String session = first.sessionCookie().orElseThrow();
		Console second = Console.withCookie(two.port(), SESSION_COOKIE, session);
		second.get("/account").expect(200);
		second.post("/logout").expectRedirect("/login?signedOut");
		first.get("/account").expectRedirect("/login");
	}

	@Test
	void anAdministratorsMfaDisableOnOneNodeEndsTheUsersTokenAndSessionOnTheOther() {
		Org org = organization();
		Member member = onOne.member(org, "Employee", "EMPLOYEE");
		Enrolled enrolled = onTwo.signInThroughEnrollment(org.slug(), member.email(), PASSWORD);
		totp.used(enrolled.secret());
		Console console = two.console();
		console.signIn(org.slug(), member.email(), PASSWORD).expectRedirect("/login/challenge");
		console.get("/login/challenge").expect(200);
		console.post("/login/challenge", "code", totp.fresh(enrolled.secret())).expectRedirect("/");
		console.get("/account").expect(200);
		two.api().get("/me", enrolled.accessToken()).expect(200);

		one.api().post("/users/" + member.id() + "/mfa/disable", json("reason", "lost phone"), org.token()).expect(200);

		two.api().get("/me", enrolled.accessToken()).expectProblem(401, "unauthenticated");
		console.get("/account").expectRedirect("/login");
		assertThat(onTwo.password(org.slug(), member.email(), PASSWORD).expect(200).text("next"))
			.isEqualTo("MFA_ENROLLMENT");
		assertThat(onTwo.audit(org.token(), AuditAction.MFA_RESET.value())).hasSize(1);
		mailbox.await(member.email(), RESET_SUBJECT);
		assertSentOnce(List.of(member.email()), RESET_SUBJECT);
	}

	@Test
	void bothNodesDispatchTheOutboxAndEveryMessageGoesOutOnce() {
		Org org = organization();
		UUID vendor = onOne.roleId(org, "Vendor");
		List<String> invited = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String email = Fixtures.uniqueEmail("invitee");
			GatehouseNode node = i % 2 == 0 ? one : two;
			node.api().post("/users", json("email", email, "name", "Invitee " + i, "kind", "VENDOR", "roleId", vendor),
					org.token()).expect(201);
			invited.add(email);
		}
		invited.forEach(email -> mailbox.await(email, Fixtures.INVITATION_SUBJECT));
		assertSentOnce(invited, Fixtures.INVITATION_SUBJECT);
	}

	@Test
	void behindALoadBalancerOneClientSprayingWrongPasswordsDoesNotLockOtherClientsOut() {
		Org org = organization();
		Member vendor = onOne.member(org, "Vendor", "VENDOR");
		String sprayer = "203.0.113.7";
		for (int i = 0; i < 20; i++) {
			signInFrom(one, sprayer, org.slug(), Fixtures.uniqueEmail("nobody"), "wrong password " + i)
				.expectProblem(401, "sign-in-failed");
		}
		signInFrom(one, sprayer, org.slug(), vendor.email(), PASSWORD).expectProblem(429, "throttled");

		Api.Response other = signInFrom(one, "198.51.100.23", org.slug(), vendor.email(), PASSWORD).expect(200);
		assertThat(other.text("next")).isEqualTo("DONE");
	}

	/** The password step as a load balancer forwards it: from its address, naming the client's. */
	static Api.Response signInFrom(GatehouseNode node, String client, String slug, String email, String password) {
		HttpRequest request = HttpRequest.newBuilder(node.api().uri("/login"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", client)
			.header("X-Forwarded-Proto", "https")
			.POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
					json("organization", slug, "email", email, "password", password))))
			.build();
		try {
			HttpResponse<String> answer = LOAD_BALANCER.send(request, HttpResponse.BodyHandlers.ofString());
			return new Api.Response("POST /login from " + client, answer.statusCode(), answer.headers(), answer.body(),
					Duration.ZERO);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** After a few more dispatch rounds of both nodes, each recipient got exactly one such message. */
	static void assertSentOnce(List<String> recipients, String subject) {
		GatehouseNode.pause(Duration.ofMillis(1000));
		for (String to : recipients) {
			assertThat(mailbox.receivedBy(to).stream().filter(m -> m.subject().contains(subject))).as(to).hasSize(1);
			assertThat(nodes.jdbc().sql("SELECT status FROM mail_outbox WHERE recipient = ? AND subject LIKE ?")
				.params(to, "%" + subject + "%").query(String.class).list()).as(to).containsExactly("SENT");
		}
	}

	long accessTokens(UUID user) {
		return nodes.jdbc().sql("SELECT COUNT(*) FROM api_token WHERE user_id = ? AND stage = 'ACCESS'")
			.param(user).query(Long.class).single();
	}

}
