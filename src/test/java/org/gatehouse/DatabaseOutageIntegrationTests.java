package org.gatehouse;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Member;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.GatehouseNode;
import org.gatehouse.support.GatehouseNodes;
import org.gatehouse.support.MutableClock;
import org.gatehouse.support.RealTimeTotp;
import org.gatehouse.support.TcpProxy;
import org.gatehouse.support.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;
import static org.gatehouse.support.Fixtures.PASSWORD;

/**
 * With its database unreachable a node refuses sign-in with 503 and never waves anyone through
 * (docs/security.md, promise 8), health reports DOWN, and the node recovers by itself when the database
 * returns. The outage is a TCP proxy between the node process and PostgreSQL that is cut, so the
 * server the other tests use keeps running. Node processes run in the PostgreSQL execution only.
 */
@EnabledIfSystemProperty(named = TestEnvironment.DATABASE_PROPERTY, matches = "postgresql")
class DatabaseOutageIntegrationTests {

	static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^:/?]+)(?::(\\d+))?(/.*)$");

	static GatehouseNodes nodes;
	static TcpProxy proxy;
	static GatehouseNode node;
	static Fixtures fixtures;
	static final RealTimeTotp totp = new RealTimeTotp();

	@BeforeAll
	static void aNodeBehindAProxyToItsDatabase() {
		nodes = GatehouseNodes.onFreshDatabase();
		Matcher url = URL.matcher(nodes.databaseUrl());
		assertThat(url.matches()).as(nodes.databaseUrl()).isTrue();
		proxy = new TcpProxy(url.group(1), url.group(2) == null ? 5432 : Integer.parseInt(url.group(2)));
		node = nodes.launch("behind-proxy",
				Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + url.group(3)))
			.awaitReady();
		fixtures = new Fixtures(node.api(), nodes.mailbox(), new MutableClock());
	}

	@AfterAll
	static void stop() {
		if (nodes != null) {
			nodes.close();
		}
		if (proxy != null) {
			proxy.close();
		}
	}

	@Test
	void withoutItsDatabaseANodeRefusesSignInWith503ReportsDownAndRecoversByItself() {
		Org org = fixtures.organization();
		totp.used(org.totpSecret());
		Member vendor = fixtures.member(org, "Vendor", "VENDOR");
		String vendorToken = fixtures.accessToken(org.slug(), vendor.email(), PASSWORD);
		String loginToken = fixtures.password(org.slug(), org.chiefEmail(), PASSWORD).expect(200).text("loginToken");
		String code = totp.fresh(org.totpSecret());
		Api api = node.api();
		assertThat(api.get("/actuator/health").expect(200).text("status")).isEqualTo("UP");

		proxy.cut();

		Api.Response passwordOnly = fixtures.password(org.slug(), vendor.email(), PASSWORD)
			.expectProblem(503, "unavailable");
		assertThat(passwordOnly.json().has("accessToken")).isFalse();
		assertThat(passwordOnly.header("Retry-After")).isPresent();
		api.post("/login/mfa", json("loginToken", loginToken, "code", code)).expectProblem(503, "unavailable");
		api.get("/me", vendorToken).expectProblem(503, "unavailable");
		Api.Response health = api.get("/actuator/health").expect(503);
		assertThat(health.text("status")).isEqualTo("DOWN");
		Console console = node.console();
		Console.Page consoleSignIn = console.postWithoutCsrf("/login", "organization", org.slug(), "email",
				vendor.email(), "password", PASSWORD);
		assertThat(consoleSignIn.status()).isEqualTo(503);

		proxy.restore();

		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/actuator/health").status() == 200);
		assertThat(fixtures.password(org.slug(), vendor.email(), PASSWORD).expect(200).text("next")).isEqualTo("DONE");
		api.get("/me", vendorToken).expect(200);
		Api.Response finished = api.post("/login/mfa", json("loginToken", loginToken, "code", code)).expect(200);
		assertThat(finished.text("next")).isEqualTo("DONE");
		assertThat(nodes.jdbc().sql("SELECT COUNT(*) FROM mfa_failure_budget WHERE user_id = ? AND failures > 0")
			.param(org.chiefId()).query(Long.class).single()).isZero();
		console = node.console();
		console.signIn(org.slug(), vendor.email(), PASSWORD).expectRedirect("/");
	}

}
