package org.gatehouse.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The beans {@link IntegrationTest} adds: the test clock, the round-trip count and the helpers tests autowire. */
@TestConfiguration(proxyBeanMethods = false)
public class HarnessConfiguration {

	@Bean
	static RoundTrips roundTrips() {
		return new RoundTrips();
	}

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock();
	}

	@Bean
	Api testApi(Environment environment) {
		return new Api(() -> environment.getRequiredProperty("local.server.port", Integer.class));
	}

	@Bean
	Mailbox testMailbox(JdbcClient jdbc) {
		return new Mailbox(TestMailServer.get(), jdbc);
	}

	@Bean
	Fixtures testFixtures(Api api, Mailbox mailbox, MutableClock testClock) {
		return new Fixtures(api, mailbox, testClock);
	}

}
