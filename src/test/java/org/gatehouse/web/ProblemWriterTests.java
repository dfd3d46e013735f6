package org.gatehouse.web;

import org.gatehouse.shared.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The one writer of problem JSON outside Spring MVC: the same fields as ever, escaped. */
class ProblemWriterTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void writesTypeTitleStatusAndDetailInThatOrder() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		ProblemResponses.write(response, Problem.INVALID_INPUT, "A query parameter appears more than once.", null);

		assertThat(response.getStatus()).isEqualTo(Problem.INVALID_INPUT.status());
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getHeader("Retry-After")).isNull();
		assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"" + Problem.INVALID_INPUT.typeUri()
				+ "\",\"title\":\"" + Problem.INVALID_INPUT.title() + "\",\"status\":" + Problem.INVALID_INPUT.status()
				+ ",\"detail\":\"A query parameter appears more than once.\"}");
	}

	@Test
	void addsRetryAfterAndInstanceWhenGiven() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		ProblemResponses.write(response, Problem.THROTTLED, "Slow down.", 7, "/api/v1/login");

		assertThat(response.getHeader("Retry-After")).isEqualTo("7");
		assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"" + Problem.THROTTLED.typeUri()
				+ "\",\"title\":\"" + Problem.THROTTLED.title() + "\",\"status\":" + Problem.THROTTLED.status()
				+ ",\"detail\":\"Slow down.\",\"instance\":\"/api/v1/login\"}");
	}

	@Test
	void escapesQuotesBackslashesAndNewlinesInTheDetail() throws Exception {
		String detail = "He said \"no\", C:\\gatehouse\\bin\nthen left </script>";
		MockHttpServletResponse response = new MockHttpServletResponse();

		ProblemResponses.write(response, Problem.CONFLICT, detail, "/a\"b");

		JsonNode body = JSON.readTree(response.getContentAsString());
		assertThat(body.path("detail").asString()).isEqualTo(detail);
		assertThat(body.path("instance").asString()).isEqualTo("/a\"b");
		assertThat(body.path("type").asString()).isEqualTo(Problem.CONFLICT.typeUri());
		assertThat(body.path("title").asString()).isEqualTo(Problem.CONFLICT.title());
		assertThat(body.path("status").asInt()).isEqualTo(Problem.CONFLICT.status());
		assertThat(body.propertyNames()).containsExactly("type", "title", "status", "detail", "instance");
	}

}
