package org.gatehouse.recovery.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.gatehouse.recovery.SupportAgents;
import org.gatehouse.recovery.internal.SupportCommand;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.support.Api.json;

/** {@code support create-agent}: the first agent, made by the operator on the server. */
@IntegrationTest
class SupportCommandIntegrationTests extends IntegrationTestBase {

	@Autowired
	SupportAgents agents;

	ByteArrayOutputStream out = new ByteArrayOutputStream();

	ByteArrayOutputStream err = new ByteArrayOutputStream();

	int run(String... args) {
		return new SupportCommand(agents, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
	}

	@Test
	void createsALeadAndPrintsTheSingleUseLinkThatSetsThePassword() {
		String email = Fixtures.uniqueEmail("first-lead");
		assertThat(run("create-agent", "--email", email, "--name", "First Lead", "--lead")).isZero();
		String printed = out.toString(StandardCharsets.UTF_8);
		String link = printed.lines().filter(l -> l.startsWith(Fixtures.BASE_URL + "/invitation?token=")).findFirst()
			.orElseThrow();
		String token = link.substring(link.indexOf("token=") + 6);
		api.post("/invitations/accept", json("token", token, "password", Fixtures.PASSWORD)).expect(204);
		api.post("/invitations/accept", json("token", token, "password", Fixtures.PASSWORD)).expectProblem(410, "gone");
		Fixtures.Enrolled enrolled = fixtures.signInThroughEnrollment("platform", email, Fixtures.PASSWORD);
		assertThat(api.get("/platform/agents", enrolled.accessToken()).expect(200).body()).contains(email);
		api.post("/platform/agents", json("email", Fixtures.uniqueEmail("second"), "name", "Second Agent"),
				enrolled.accessToken()).expect(201);
	}

	@Test
	void refusesIncompleteArgumentsAndExistingAgents() {
		assertThat(run("create-agent", "--email", Fixtures.uniqueEmail("a"))).isEqualTo(2);
		assertThat(run("delete-everything")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: support create-agent");
		String email = Fixtures.uniqueEmail("twice");
		assertThat(run("create-agent", "--email=" + email, "--name=Twice")).isZero();
		assertThat(run("create-agent", "--email", email, "--name", "Twice")).isEqualTo(1);
	}

}
