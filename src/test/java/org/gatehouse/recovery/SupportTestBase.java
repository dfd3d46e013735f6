package org.gatehouse.recovery;

import org.gatehouse.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where every support-desk test starts: {@link SupportFixtures} over the shared helpers, and a
 * fresh window of the intake limits before each test, so that no two tests share one. It runs
 * before the subclass's own {@code @BeforeEach}, which makes the organization and agents it needs.
 */
abstract class SupportTestBase extends IntegrationTestBase {

	@Autowired
	SupportAgents supportAgents;

	SupportFixtures support;

	@BeforeEach
	void supportInAFreshRequestWindow() {
		support = new SupportFixtures(api, fixtures, mailbox, clock, supportAgents, jdbc);
		support.freshRequestWindow();
	}

}
