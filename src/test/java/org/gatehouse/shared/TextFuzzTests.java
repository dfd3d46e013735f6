package org.gatehouse.shared;

import java.text.Normalizer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.support.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Free text as people type it into names, labels and reasons. Any input is either cleaned into text that is safe to
 * show and store, or refused with a 400 that names the field and does not repeat the input.
 */
class TextFuzzTests {

	static final int MAX = 64;

	@FuzzTest
	void cleansTextIntoSafeBoundedTextOrRefusesIt(byte[] data) {
		String typed = FuzzInput.text(data);
		String cleaned;
		try {
			cleaned = Text.clean(typed, MAX, "Label");
		}
		catch (ProblemException refused) {
			assertThat(refused.problem()).isEqualTo(Problem.INVALID_INPUT);
			assertThat(refused.getMessage())
				.matches("Label (is required|has at most 64 characters|contains control or direction-changing characters)\\.");
			return;
		}
		assertThat(cleaned).isNotBlank().isEqualTo(cleaned.strip());
		assertThat(Text.acceptable(cleaned)).as("acceptable: %s", cleaned).isTrue();
		assertThat(Normalizer.isNormalized(cleaned, Normalizer.Form.NFC)).isTrue();
		assertThat(cleaned.codePointCount(0, cleaned.length())).isLessThanOrEqualTo(MAX);
		assertThat(Text.clean(cleaned, MAX, "Label")).isEqualTo(cleaned);
	}

}
