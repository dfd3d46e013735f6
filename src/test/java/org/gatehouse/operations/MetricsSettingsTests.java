package org.gatehouse.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MetricsSettingsTests {

	static final String TOKEN = "a-metrics-token-of-forty-characters-0123";

	@Test
	void withoutATokenNothingIsAccepted() {
		MetricsSettings unset = new MetricsSettings(null);
		assertThat(unset.enabled()).isFalse();
		assertThat(unset.accepts(null)).isFalse();
		assertThat(unset.accepts("")).isFalse();
		assertThat(new MetricsSettings("  ").enabled()).isFalse();
	}

	@Test
	void acceptsExactlyTheToken() {
		MetricsSettings settings = new MetricsSettings(TOKEN);
		assertThat(settings.accepts(TOKEN)).isTrue();
		assertThat(settings.accepts(TOKEN.substring(1))).isFalse();
		assertThat(settings.accepts(TOKEN + "4")).isFalse();
		assertThat(settings.accepts(null)).isFalse();
		assertThat(settings.toString()).doesNotContain(TOKEN);
	}

	@Test
	void refusesAShortTokenAtStartUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new MetricsSettings("short-token"))
			.withMessageContaining("gatehouse.metrics.token");
	}

}
