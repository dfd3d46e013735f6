package org.gatehouse.shared;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.support.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email addresses as people type them. An address the validator accepts stays valid once normalized, as it is
 * stored and compared, and normalizing it again changes nothing.
 */
class EmailsFuzzTests {

	@FuzzTest
	void aValidAddressStaysValidOnceNormalized(byte[] data) {
		String typed = FuzzInput.text(data);
		if (!Emails.isValid(typed)) {
			return;
		}
		String stored = Emails.normalize(typed);
		assertThat(Emails.isValid(stored)).as("valid once normalized: %s", stored).isTrue();
		assertThat(Emails.normalize(stored)).isEqualTo(stored);
		assertThat(stored.length()).isLessThanOrEqualTo(320);
		int at = stored.indexOf('@');
		assertThat(at).isPositive().isEqualTo(stored.lastIndexOf('@'));
		// characters, as the validator counts them: an astral one is two UTF-16 units
		assertThat(stored.codePointCount(0, at)).isLessThanOrEqualTo(64);
		assertThat(stored).doesNotContainPattern("\\s");
		assertThat(Text.acceptable(stored)).isTrue();
	}

}
