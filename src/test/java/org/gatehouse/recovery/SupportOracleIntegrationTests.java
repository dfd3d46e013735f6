package org.gatehouse.recovery;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.support.Api;
import org.gatehouse.support.Fixtures;
import org.gatehouse.support.Fixtures.Org;
import org.gatehouse.support.IntegrationTest;
import org.gatehouse.support.OperatorMetrics;
import org.gatehouse.support.RoundTrips;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gatehouse.recovery.SupportFixtures.ACKNOWLEDGEMENT;

/**
 * The public support form must not be an oracle. The four cases an attacker wants
 * to tell apart (no such organization; an organization and an address that is not its primary email;
 * its verified primary email; an organization with another administrator) get the same answer, the
 * same acknowledgement, the same work before the answer, and no public metric that moves.
 */
@IntegrationTest
class SupportOracleIntegrationTests extends SupportTestBase {

	@Test
	void theFourIntakeCasesLookAlikeToEveryoneWithoutTheOperatorsToken() {
		Org other = fixtures.organization();
		Org alone = fixtures.organization();
		Org helped = fixtures.organization();
		fixtures.member(helped, "Administrator", "EMPLOYEE");
		Map<String, String[]> cases = new LinkedHashMap<>();
		cases.put("no such organization", new String[] { "no-such-" + Fixtures.unique(), Fixtures.uniqueEmail("a") });
		cases.put("not the primary email", new String[] { other.slug(), Fixtures.uniqueEmail("b") });
		cases.put("the verified primary email", new String[] { alone.slug(), alone.chiefEmail() });
		cases.put("another administrator", new String[] { helped.slug(), Fixtures.uniqueEmail("d") });
		// the client's own window exists from here on, as for any client's second request
		support.submit("no-such-" + Fixtures.unique(), Fixtures.uniqueEmail("warm-up")).expect(202);

		String metricsBefore = anonymousMetrics();
		Map<String, Long> statements = new LinkedHashMap<>();
		Map<String, String> acknowledgements = new LinkedHashMap<>();
		for (Map.Entry<String, String[]> c : cases.entrySet()) {
			long before = RoundTrips.count();
			Api.Response answer = support.submit(c.getValue()[0], c.getValue()[1]).expect(202);
			statements.put(c.getKey(), RoundTrips.count() - before);
			assertThat(answer.json().propertyNames()).as(c.getKey()).containsExactly("ticketId");
			UUID id = support.routed(UUID.fromString(answer.text("ticketId")));
			acknowledgements.put(c.getKey(),
					mailbox.await(c.getValue()[1], ACKNOWLEDGEMENT).body().replace(id.toString(), "ID"));
			assertThat(anonymousMetrics()).as(c.getKey()).isEqualTo(metricsBefore);
		}
		assertThat(statements.values()).as("database round trips before the answer, by case: %s", statements)
			.containsOnly(statements.values().iterator().next());
		assertThat(acknowledgements.values()).as("acknowledgements").containsOnly(acknowledgements.values().iterator().next());
		// the routing did happen, after the answer
		assertThat(mailbox.await(alone.chiefEmail(), SupportFixtures.PROOF)).isNotNull();
		assertThat(mailbox.await(helped.chiefEmail(), SupportFixtures.GUIDANCE)).isNotNull();
	}

	private String anonymousMetrics() {
		HttpResponse<String> answer = OperatorMetrics.get(api, "/actuator/prometheus", null);
		assertThat(answer.statusCode()).isEqualTo(401);
		return answer.statusCode() + " " + answer.body();
	}

}
