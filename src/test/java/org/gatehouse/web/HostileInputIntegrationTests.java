package org.gatehouse.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input at every public endpoint: malformed JSON, wrong types, huge strings, odd Unicode,
 * duplicated keys and parameters, path tricks. Every answer is a 4xx problem response, never a 5xx,
 * and nothing in the database changes. The inputs are a fixed catalogue, so a failure replays exactly;
 * {@link ApiBodyFuzzTests} searches for new ones with a coverage-guided fuzzer.
 */
@IntegrationTest
class HostileInputIntegrationTests extends IntegrationTestBase {

	static final String[] TABLES = { "organization", "app_user", "role", "authenticator", "recovery_code",
			"api_token", "one_time_token", "mail_outbox", "help_vote" };

	Org org;

	String userId;

	String roleId;

	@BeforeEach
	void organization() {
		org = fixtures.organization();
		userId = fixtures.member(org, "Vendor", "VENDOR").id().toString();
		roleId = fixtures.roleId(org, "Employee").toString();
	}

	record Endpoint(String method, String path, boolean signedIn, String... fields) {

		@Override
		public String toString() {
			return method + " " + path;
		}

	}

	static List<Endpoint> endpoints() {
		return List.of(new Endpoint("POST", "/organizations", false, "name", "slug", "ownerName", "ownerEmail", "ownerPassword"),
				new Endpoint("POST", "/organizations/verify-email", false, "token"),
				new Endpoint("POST", "/login", false, "organization", "email", "password"),
				new Endpoint("POST", "/login/mfa", false, "loginToken", "code"),
				new Endpoint("POST", "/login/enrollment", false, "loginToken"),
				new Endpoint("POST", "/login/enrollment/confirm", false, "loginToken", "code", "label"),
				new Endpoint("POST", "/invitations/accept", false, "token", "password"),
				new Endpoint("POST", "/authenticators/report", false, "token"),
				new Endpoint("POST", "/users", true, "email", "name", "kind", "roleId"),
				new Endpoint("POST", "/users/{user}/disable", true, "reason"),
				new Endpoint("PUT", "/users/{user}/role", true, "roleId", "reason"),
				new Endpoint("POST", "/users/{user}/mfa/disable", true, "reason"),
				new Endpoint("POST", "/users/{user}/mfa/exemption", true, "until", "reason"),
				new Endpoint("POST", "/roles", true, "name", "permissions", "requireMfa"),
				new Endpoint("PATCH", "/roles/{role}", true, "name", "permissions", "requireMfa", "reason"),
				new Endpoint("POST", "/me/authenticators", true, "label", "replace"),
				new Endpoint("POST", "/me/authenticators/{user}/confirm", true, "code", "label"),
				new Endpoint("POST", "/me/step-up", true, "code", "password"),
				new Endpoint("POST", "/organization/chief-operator", true, "userId"));
	}

	/**
	 * Values some optional field accepts ({@code {"label":null,"replace":true}} starts a device replacement): an object
	 * body made of these alone could be a valid request, so every object body has at least one other value.
	 */
	static final Set<String> POSSIBLY_VALID = Set.of("null", "true", "\"\"", "\"   \"", "[]");

	/** Values (nearly) no field accepts: wrong types, huge or empty strings, control characters and odd Unicode. */
	static final List<String> HOSTILE_VALUES = Stream.of(
			Stream.of("\u0000", "Alice\u202E", "\u4E00\u4E01\u4E20\u2066", "\"\\<>%';\u200F", "e\u0301\u0007",
					"\u200B\u200Bx\uFEFF", "<script>\u0000", "%27\u202E", "\u4E10'\u2066;")
				.map(HostileInputIntegrationTests::jsonString),
			Stream.of(70_000, 120_000).map(n -> jsonString("A".repeat(n))),
			Stream.of("12345", "-1", "1e309", "true", "null", "[]", "[1,2,{}]", "{\"$gt\":\"\"}", "{}", "\"\"",
					"\"   \"", "\"\\ud800\"", "\"\\u0000\"", "\"\\u202e\""))
		.flatMap(values -> values)
		.toList();

	static final List<String> MALFORMED_BODIES = List.of("{", "}", "[", "{\"a\":", "{'single':'quotes'}", "nul",
			"{\"a\":1,}", "\u0000\u0001", "{\"a\":\"unterminated}", "<xml/>", "%7B%7D", "{{}}", "[]", "\"text\"", "42");

	static final List<String> HOSTILE_IDS = List.of("not-a-uuid", "..%2F..%2Factuator", "%2e%2e",
			"00000000-0000-0000-0000-00000000000G", "1", "-1", "9".repeat(300), UUID.randomUUID() + "x", "%E2%80%AE",
			"%27%20OR%201%3D1--", "null", "00000000-0000-0000-0000-000000000000", UUID.randomUUID().toString());

	/**
	 * Objects whose fields take hostile values in turn (each endpoint its own rotation, so that together the endpoints
	 * see every value in every position), the first field repeated with a hostile value, and malformed JSON.
	 */
	static List<String> hostileBodies(Endpoint endpoint) {
		int salt = Math.floorMod(endpoint.toString().hashCode(), HOSTILE_VALUES.size());
		List<String> bodies = new ArrayList<>();
		for (int k = 0; k < 6; k++) {
			List<String> values = new ArrayList<>();
			for (int field = 0; field < endpoint.fields().length; field++) {
				values.add(HOSTILE_VALUES.get((salt + 7 * k + 3 * field) % HOSTILE_VALUES.size()));
			}
			if (POSSIBLY_VALID.containsAll(values)) {
				values.set(0, HOSTILE_VALUES.get(k));
			}
			StringBuilder json = new StringBuilder("{");
			for (int i = 0; i < values.size(); i++) {
				json.append(i == 0 ? "" : ",").append('"').append(endpoint.fields()[i]).append("\":").append(values.get(i));
			}
			bodies.add(json.append('}').toString());
		}
		for (int k = 0; k < 3; k++) {
			bodies.add("{\"" + endpoint.fields()[0] + "\":\"ok\",\"" + endpoint.fields()[0] + "\":"
					+ HOSTILE_VALUES.get((5 * salt + 11 * k) % HOSTILE_VALUES.size()) + "}");
		}
		bodies.addAll(MALFORMED_BODIES);
		return bodies;
	}

	/** The endpoint's path with this test's user and role in it. */
	String path(Endpoint endpoint) {
		return endpoint.path().replace("{user}", userId).replace("{role}", roleId);
	}

	/** A yes/no given as an empty, blank or control-character string is refused, not read as "not given". */
	@Test
	void aBooleanGivenAsABlankStringIsRefusedAndChangesNothing() {
		Map<String, Long> before = counts();
		for (String blank : List.of("\"\"", "\"   \"", "\"\\u0000\"", "\"\\u0007\"")) {
			api.sendRaw("POST", "/me/authenticators", "{\"replace\":" + blank + "}", org.token())
				.expectProblem(400, "invalid-input");
			api.sendRaw("PATCH", "/roles/" + roleId, "{\"requireMfa\":" + blank + "}", org.token())
				.expectProblem(400, "invalid-input");
		}
		assertThat(counts()).isEqualTo(before);
	}

	@ParameterizedTest
	@MethodSource("endpoints")
	void hostileBodiesGetA4xxProblemAndChangeNothing(Endpoint endpoint) {
		Map<String, Long> before = counts();
		List<String> violations = new ArrayList<>();
		String path = path(endpoint);
		for (String body : hostileBodies(endpoint)) {
			check(api.sendRaw(endpoint.method(), path, body, endpoint.signedIn() ? org.token() : null), violations);
		}
		assertThat(violations).isEmpty();
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void pathTricksAndDuplicatedOrWrongParametersGetA4xxProblemAndChangeNothing() {
		Map<String, Long> before = counts();
		List<String> violations = new ArrayList<>();
		for (String template : List.of("GET /users/%s", "POST /users/%s/disable", "POST /users/%s/enable",
				"PUT /users/%s/role", "POST /users/%s/mfa/disable", "GET /users/%s/authenticators", "GET /roles/%s",
				"PATCH /roles/%s", "GET /roles/%s/mfa-impact", "DELETE /me/authenticators/%s")) {
			String[] parts = template.split(" ");
			for (String id : HOSTILE_IDS) {
				check(api.sendRaw(parts[0], String.format(parts[1], id),
						"{\"reason\":\"x\",\"roleId\":\"" + UUID.randomUUID() + "\"}", org.token()), violations);
			}
		}
		for (String query : List.of("page=1&page=abc", "size=-1", "size=100000", "page=-5", "mfa=none&mfa=alien",
				"kind=ALIEN", "roleId=not-a-uuid", "status=GONE", "q=" + "%25".repeat(300), "q=%00", "q=%E2%80%AE",
				"q=a&q=b", "page=%F0%9F%98%80")) {
			check(api.get("/users?" + query, org.token()), violations);
		}
		for (String query : List.of("from=yesterday", "to=2020-13-01T00:00:00Z", "actorId=1", "targetId=zz",
				"limit=abc", "limit=1&limit=2", "action=a&action=b", "format=csv&format=json")) {
			check(api.get("/audit-events?" + query, org.token()), violations);
			if (!query.startsWith("limit")) {
				check(api.get("/audit-events/export?" + query, org.token()), violations);
			}
		}
		assertThat(violations).isEmpty();
		assertThat(counts()).isEqualTo(before);
	}

	/**
	 * The API speaks JSON only: a body in another format (YAML, XML, a form) is refused with 415 before any parser but
	 * the JSON one sees it, and an answer is never rendered in another format.
	 */
	@Test
	void bodiesInAnotherFormatThanJsonAreRefusedAndChangeNothing() {
		Map<String, Long> before = counts();
		List<String> violations = new ArrayList<>();
		for (Endpoint endpoint : endpoints()) {
			String path = path(endpoint);
			String token = endpoint.signedIn() ? org.token() : null;
			String yaml = Arrays.stream(endpoint.fields()).map(field -> field + ": x").collect(Collectors.joining("\n"));
			String xml = Arrays.stream(endpoint.fields()).map(field -> "<" + field + ">x</" + field + ">")
				.collect(Collectors.joining("", "<body>", "</body>"));
			String form = Arrays.stream(endpoint.fields()).map(field -> field + "=x").collect(Collectors.joining("&"));
			for (String[] format : new String[][] { { "application/yaml", yaml }, { "application/x-yaml", yaml },
					{ "application/xml", xml }, { "text/xml", xml }, { "application/x-www-form-urlencoded", form },
					{ "application/cbor", "\u00a0" }, { "application/x-jackson-smile", ":)\n" } }) {
				Api.Response answer = api.sendAs(endpoint.method(), path, format[1], format[0],
						"application/json, application/problem+json", token);
				if (answer.status() != 415) {
					violations.add(format[0] + " " + answer);
				}
				check(answer, violations);
			}
		}
		assertThat(violations).isEmpty();
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void anAnswerIsNeverRenderedInAnotherFormatThanJson() {
		for (String format : List.of("application/yaml", "application/x-yaml", "application/xml", "text/xml",
				"application/cbor", "application/x-jackson-smile")) {
			Api.Response answer = api.sendAs("GET", "/me", null, null, format, org.token());
			assertThat(answer.status()).as(format + " " + answer).isEqualTo(406);
			assertThat(answer.header("Content-Type").orElse("")).as(format + " " + answer).doesNotContain(format);
			assertThat(answer.body()).as(format).doesNotContain(org.chiefEmail());
		}
		assertThat(api.get("/me", org.token()).expect(200).text("email")).isEqualTo(org.chiefEmail());
	}

	void check(Api.Response answer, List<String> violations) {
		boolean problem = answer.header("Content-Type").orElse("").startsWith("application/problem+json");
		boolean ok = answer.status() >= 400 && answer.status() < 500 && problem && answer.problemSlug() != null;
		boolean harmlessMiss = answer.status() == 404 && problem;
		if (!ok && !harmlessMiss) {
			violations.add(answer.request().substring(0, Math.min(200, answer.request().length())) + " -> "
					+ answer.status() + " " + answer.body().substring(0, Math.min(200, answer.body().length())));
		}
	}

	Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
		}
		counts.put("audit_event (success)", jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE outcome = 'SUCCESS'")
			.query(Long.class).single());
		counts.put("help votes", jdbc.sql("SELECT SUM(votes) FROM help_vote").query(Long.class).single());
		return counts;
	}

	static String jsonString(String raw) {
		return raw.chars().mapToObj(c -> c < 0x20 || c == '"' || c == '\\' ? String.format("\\u%04x", c)
				: String.valueOf((char) c)).collect(Collectors.joining("", "\"", "\""));
	}

}
