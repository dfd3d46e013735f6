package org.gatehouse.recovery.internal;

import java.text.Normalizer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.shared.Emails;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Text;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Support requests that arrive as email, from anyone. Any bytes are either read into a request whose contact is one
 * valid address and whose text is safe to show an agent, or refused with a 400 problem; never another failure.
 */
class InboundMessageFuzzTests {

	@FuzzTest
	void readsAnyEmailIntoASafeRequestOrRefusesIt(byte[] raw) {
		InboundMessage message;
		try {
			message = InboundMessage.parse(raw);
		}
		catch (ProblemException refused) {
			assertThat(refused.problem()).isEqualTo(Problem.INVALID_INPUT);
			return;
		}
		assertThat(Emails.isValid(message.from())).as("from: %s", message.from()).isTrue();
		assertThat(message.from()).isEqualTo(Emails.normalize(message.from()));
		assertThat(message.organization()).matches("[a-z0-9-]{0,63}");
		assertSafe(message.text(), MessageText.MAX);
		if (message.authenticationResults() != null) {
			assertSafe(message.authenticationResults(), 2000);
		}
	}

	/** Text an agent reads: lines without control or direction-changing characters, NFC, bounded. */
	static void assertSafe(String text, int max) {
		for (String line : text.split("\n", -1)) {
			assertThat(Text.acceptable(line)).as("acceptable line: %s", line).isTrue();
		}
		assertThat(Normalizer.isNormalized(text, Normalizer.Form.NFC)).as("NFC: %s", text).isTrue();
		assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(max);
	}

}
