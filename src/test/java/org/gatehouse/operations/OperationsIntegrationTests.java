package org.gatehouse.operations;

import java.net.http.HttpResponse;

import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.gatehouse.support.OperatorMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.metrics.TomcatMetricsBinder;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.FormContentFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and integrators rely on: health, Prometheus metrics (read with the operator's token), the OpenAPI document and Swagger UI. */
@IntegrationTest
class OperationsIntegrationTests extends IntegrationTestBase {

	@Autowired
	ApplicationContext context;

	HttpResponse<String> get(String path, String accept) throws Exception {
		return api.fetch(path, accept);
	}

	@Test
	void healthAndReadinessAnswerUp() throws Exception {
		assertThat(get("/actuator/health", "application/json").body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);
	}

	@Test
	void prometheusShowsSignInAndSecondFactorMetrics() throws Exception {
		var org = fixtures.organization();
		fixtures.clock().advanceToNextTotpStep();
		fixtures.signInAgain(org);
		String metrics = OperatorMetrics.scrape(api);
		assertThat(metrics).contains("gatehouse_sign_in_password_total{outcome=\"verified\"}")
			.contains("gatehouse_mail_sent_total").contains("gatehouse_second_factor_total{outcome=\"accepted\"}");
		// each request is timed once, without Spring Security's per-filter observations on top
		assertThat(metrics).contains("http_server_requests_seconds_count{")
			.doesNotContain("spring_security_filterchains").doesNotContain("spring_security_authorizations");
	}

	/**
	 * Nothing built at start-up that the service never uses: each of these loaded hundreds of classes (a second,
	 * Jackson 2 object mapper for the actuator, Spring's client-side converters for every format for a form filter the
	 * API does not need, the JMX platform server for Tomcat session meters that were always zero).
	 */
	@Test
	void startsWithoutWhatItDoesNotUse() throws Exception {
		assertThat(context.getBeanNamesForType(FormContentFilter.class)).isEmpty();
		assertThat(context.getBeanNamesForType(TomcatMetricsBinder.class)).isEmpty();
		assertThat(context.getBeanNamesForType(
				org.springframework.boot.actuate.endpoint.jackson.EndpointJackson2ObjectMapper.class)).isEmpty();
		assertThat(OperatorMetrics.scrape(api)).doesNotContain("tomcat_sessions");
		assertThat(get("/actuator/health", "application/json").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void theOpenApiDocumentDescribesTheApiAndSwaggerUiIsServed() throws Exception {
		HttpResponse<String> document = get("/v3/api-docs", "application/json");
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).contains("/api/v1/login").contains("/api/v1/users/{id}/mfa/disable")
			.contains("/api/v1/organizations");
		assertThat(get("/swagger-ui/index.html", "text/html").statusCode()).isEqualTo(200);
	}

}
