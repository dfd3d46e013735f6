package org.gatehouse.mfa.internal;

import java.util.Locale;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.support.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base32 secrets as a person may type them. Any text is either read as the secret it spells, in its one canonical
 * form, or refused with an {@link IllegalArgumentException} whose message never repeats the text.
 */
class Base32SecretFuzzTests {

	static final Set<String> REFUSALS = Set.of("Secret is not Base32 (A-Z, 2-7)", "Secret has an impossible Base32 length");

	@FuzzTest
	void readsBase32AsTypedOrRefusesItWithoutRepeatingIt(byte[] data) {
		String typed = FuzzInput.text(data);
		String compact = typed.replace(" ", "");
		assertThat(Base32Secret.grouped(typed).replace(" ", "")).isEqualTo(compact.toUpperCase(Locale.ROOT));
		byte[] secret;
		try {
			secret = Base32Secret.decode(typed);
		}
		catch (IllegalArgumentException refused) {
			assertThat(refused.getMessage()).isIn(REFUSALS);
			return;
		}
		assertThat(compact).as("only Base32 letters and digits are read").matches("[A-Za-z2-7]+");
		assertThat(Base32Secret.encode(secret)).isEqualTo(compact.toUpperCase(Locale.ROOT));
		assertThat(Base32Secret.decode(Base32Secret.encode(secret))).isEqualTo(secret);
	}

}
