package org.gatehouse.recovery.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.support.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The free text of a support request, which may span lines. Typed text is either kept, safe, or refused with a 400;
 * text from an email, which cannot be sent back, is made safe by dropping what is not.
 */
class MessageTextFuzzTests {

	@FuzzTest
	void keepsTypedTextSafeOrRefusesIt(byte[] data) {
		String text;
		try {
			text = MessageText.clean(FuzzInput.text(data));
		}
		catch (ProblemException refused) {
			assertThat(refused.problem()).isEqualTo(Problem.INVALID_INPUT);
			return;
		}
		InboundMessageFuzzTests.assertSafe(text, MessageText.MAX);
		assertThat(MessageText.clean(text)).isEqualTo(text);
	}

	@FuzzTest
	void makesTextFromAnEmailSafe(byte[] data) {
		InboundMessageFuzzTests.assertSafe(MessageText.sanitize(FuzzInput.text(data), 300), 300);
	}

}
