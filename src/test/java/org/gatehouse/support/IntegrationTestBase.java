package org.gatehouse.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The helpers an {@link IntegrationTest} works with, injected once here instead of in every test
 * class: the public API, the ready-made {@link Fixtures}, the test clock, the mailbox and the
 * database. A subclass still carries {@code @IntegrationTest} itself, so what it configures is
 * visible where it is declared; every bean here belongs to that one shared context, so extending
 * this class adds nothing to the configuration and Spring keeps reusing the cached context.
 */
public abstract class IntegrationTestBase {

	@Autowired
	protected Api api;

	@Autowired
	protected Fixtures fixtures;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected Mailbox mailbox;

	@Autowired
	protected JdbcClient jdbc;

}
