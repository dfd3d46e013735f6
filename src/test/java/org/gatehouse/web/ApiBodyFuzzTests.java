package org.gatehouse.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.Filter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * JSON bodies at the public endpoints, the ones anyone can reach without signing in. Whatever the body, the answer
 * is never a 5xx (nor an exception out of the stack, which the server turns into one), and a 4xx is always an RFC
 * 9457 problem with one of Gatehouse's types.
 * <p>
 * The requests go through the whole application in-process: the servlet filters the server registers (Spring
 * Security's chain among them), the strict JSON reader, validation, the controllers, the services and the database,
 * as over HTTP but a hundred times faster than a socket, which is what a coverage-guided fuzzer needs. The context is
 * the one every {@link IntegrationTest} shares, so replaying the committed inputs costs the build no extra start.
 * <p>
 * Input: the endpoint's path on the first line (any other line picks one by its hash), then the body, as raw bytes.
 */
@IntegrationTest
class ApiBodyFuzzTests {

	static final List<String> ENDPOINTS = List.of("/api/v1/login", "/api/v1/login/mfa", "/api/v1/organizations",
			"/api/v1/support/requests", "/api/v1/invitations/accept");

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebApplicationContext context;

	MockMvc mvc;

	@BeforeEach
	void mockMvc() {
		List<Filter> filters = new ArrayList<>();
		for (ServletContextInitializer initializer : new ServletContextInitializerBeans(
				((ConfigurableApplicationContext) context).getBeanFactory())) {
			if (initializer instanceof AbstractFilterRegistrationBean<?> registration && registration.isEnabled()) {
				filters.add(registration.getFilter());
			}
		}
		mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(filters.toArray(Filter[]::new)).build();
	}

	@FuzzTest
	void publicEndpointsAnswerAnyBodyWithAProblemNeverAServerError(byte[] data) throws Exception {
		int lineEnd = indexOf(data, (byte) '\n');
		String first = new String(data, 0, lineEnd, StandardCharsets.UTF_8).strip();
		String path = ENDPOINTS.contains(first) ? first : ENDPOINTS.get(Math.floorMod(first.hashCode(), ENDPOINTS.size()));
		byte[] body = Arrays.copyOfRange(data, Math.min(data.length, lineEnd + 1), data.length);

		MockHttpServletResponse answer = mvc
			.perform(post(path).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).content(body))
			.andReturn()
			.getResponse();

		String said = path + " " + new String(body, StandardCharsets.UTF_8) + " -> " + answer.getStatus() + " "
				+ answer.getContentAsString(StandardCharsets.UTF_8);
		assertThat(answer.getStatus()).as(said).isLessThan(500);
		if (answer.getStatus() >= 400) {
			assertThat(answer.getContentType()).as(said).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			JsonNode problem = JSON.readTree(answer.getContentAsByteArray());
			assertThat(problem.path("status").asInt()).as(said).isEqualTo(answer.getStatus());
			assertThat(problem.path("type").asString()).as(said).startsWith("https://gatehouse.dev/problems/");
		}
	}

	static int indexOf(byte[] data, byte wanted) {
		for (int i = 0; i < data.length; i++) {
			if (data[i] == wanted) {
				return i;
			}
		}
		return data.length;
	}

}
