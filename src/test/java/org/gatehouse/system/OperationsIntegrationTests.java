package org.gatehouse.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and integrators rely on: health, Prometheus metrics, the OpenAPI document and Swagger UI. */
@IntegrationTest
class OperationsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Fixtures fixtures;

	HttpResponse<String> get(String path, String accept) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
			.header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
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
		String metrics = get("/actuator/prometheus", "text/plain").body();
		assertThat(metrics).contains("gatehouse_sign_in_password_total{outcome=\"verified\"}")
			.contains("gatehouse_mail_sent_total").contains("gatehouse_second_factor_total{outcome=\"accepted\"}");
		// each request is timed once, without Spring Security's per-filter observations on top
		assertThat(metrics).contains("http_server_requests_seconds_count{")
			.doesNotContain("spring_security_filterchains").doesNotContain("spring_security_authorizations");
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
