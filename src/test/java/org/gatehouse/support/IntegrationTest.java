package org.gatehouse.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, over real HTTP, with its own database (H2 or
 * PostgreSQL, see {@link TestEnvironment}), the JVM's GreenMail server, mail dispatched every
 * 100 ms, and a {@link MutableClock} as the application's {@link java.time.Clock}. Every
 * integration test uses exactly this configuration, so Spring builds the context once and
 * shares it: tests must therefore make their own organizations and never assume an empty
 * database. A test class usually extends {@link IntegrationTestBase} for the helpers it works with.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"gatehouse.mail.poll-interval=100ms", "gatehouse.sign-in.client-failures-per-minute=1000000",
		"gatehouse.base-url=" + Fixtures.BASE_URL,
		// tests that move the clock leave expired tokens behind; only ExpiredRowSweepIntegrationTests deletes them
		"gatehouse.sweep.interval=1000d",
		"logging.level.org.gatehouse.notification=WARN", "logging.level.com.icegreen=WARN",
		"management.defaults.metrics.export.enabled=true",
		"management.prometheus.metrics.export.enabled=true",
		"gatehouse.metrics.token=" + OperatorMetrics.TOKEN })
@ContextConfiguration(initializers = TestEnvironment.class)
@Import(HarnessConfiguration.class)
public @interface IntegrationTest {

}
