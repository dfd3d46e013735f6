package org.gatehouse.operations;

import java.net.http.HttpResponse;

import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.OperatorMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator belongs to the operator: the metrics count tickets, sign-ins and
 * mail, so anyone who could read them could watch a counter move after their own request. Only the
 * bare health status stays public.
 */
@IntegrationTest
class OperatorEndpointsIntegrationTests extends IntegrationTestBase {

	@Test
	void anonymousClientsCannotReadTheMetrics() {
		for (String token : new String[] { null, "", "wrong", OperatorMetrics.TOKEN.substring(1),
				OperatorMetrics.TOKEN + "x", OperatorMetrics.TOKEN.toUpperCase(java.util.Locale.ROOT) }) {
			HttpResponse<String> answer = OperatorMetrics.get(api, "/actuator/prometheus", token);
			assertThat(answer.statusCode()).as("token %s", token).isEqualTo(401);
			assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
			assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
					v -> assertThat(v).startsWith("application/problem+json"));
			assertThat(answer.body()).contains("unauthenticated").doesNotContain("gatehouse_");
		}
	}

	@Test
	void everyActuatorEndpointButHealthNeedsTheOperatorsToken() {
		for (String path : new String[] { "/actuator", "/actuator/info", "/actuator/prometheus",
				"/actuator/metrics", "/actuator/metrics/gatehouse.support.tickets", "/actuator/env", "/actuator/beans" }) {
			assertThat(OperatorMetrics.get(api, path, null).statusCode()).as(path).isEqualTo(401);
		}
		// the session of a signed-in console user is no key either
		var org = fixtures.organization();
		String userToken = fixtures.signInAgain(org);
		assertThat(OperatorMetrics.get(api, "/actuator/prometheus", userToken).statusCode()).isEqualTo(401);
	}

	@Test
	void theOperatorsTokenReadsTheMetricsThatOperatorsNeed() {
		assertThat(OperatorMetrics.scrape(api)).contains("gatehouse_support_tickets{state=\"OPEN\"}")
			.contains("gatehouse_mail_pending").contains("jvm_memory_used_bytes");
		assertThat(OperatorMetrics.get(api, "/actuator/info", OperatorMetrics.TOKEN).statusCode()).isEqualTo(200);
	}

	@Test
	void healthStaysPublicAndSaysOnlyUpOrDown() {
		HttpResponse<String> health = OperatorMetrics.get(api, "/actuator/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		// the names of the probe groups, and nothing about the database, mail or disk
		assertThat(health.body()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
		for (String probe : new String[] { "/actuator/health/readiness", "/actuator/health/liveness" }) {
			HttpResponse<String> answer = OperatorMetrics.get(api, probe, null);
			assertThat(answer.statusCode()).as(probe).isEqualTo(200);
			assertThat(answer.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
		}
	}

}
