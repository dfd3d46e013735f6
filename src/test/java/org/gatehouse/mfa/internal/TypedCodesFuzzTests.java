package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.support.FuzzInput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes as people type them at the second step: a TOTP code counts only as six ASCII digits (spaces aside) equal to
 * the code of T-1, T or T+1, and a recovery code is read whatever its case, spacing, dashes and look-alike letters.
 */
class TypedCodesFuzzTests {

	static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	/** The server clocks tried: from T0 to beyond 2100. */
	static final long LATEST = 5_000_000_000L;

	final TotpCodes totp = new TotpCodes();

	/** Input: the typed code, then a line with the server's time in seconds (or anything, read as 0). */
	@FuzzTest
	void aTotpCodeMatchesOnlyAsSixDigitsOfANeighbouringStep(byte[] data) {
		List<String> lines = FuzzInput.lines(data, 2);
		String typed = lines.get(0);
		Instant now = Instant.ofEpochSecond(seconds(lines.get(1)));
		long current = TotpCodes.stepAt(now);
		OptionalLong step = totp.matchingStep(SEED, typed, now);
		if (step.isPresent()) {
			assertThat(step.getAsLong()).isBetween(current - 1, current + 1);
			assertThat(typed.replace(" ", "")).matches("[0-9]{6}").isEqualTo(totp.codeAt(SEED, step.getAsLong()));
		}
		for (long neighbour = current - 1; neighbour <= current + 1; neighbour++) {
			String code = totp.codeAt(SEED, neighbour);
			String spaced = code.substring(0, 3) + " " + code.substring(3);
			assertThat(totp.matchingStep(SEED, spaced, now)).as("code of step %d", neighbour).isPresent();
		}
	}

	/** Normalizing what is typed gives the form that is hashed, and normalizing that again changes nothing. */
	@FuzzTest
	void normalizingATypedRecoveryCodeGivesItsStoredFormOnce(byte[] data) {
		String normalized = RecoveryCodes.normalize(FuzzInput.text(data));
		assertThat(RecoveryCodes.normalize(normalized)).isEqualTo(normalized);
		assertThat(normalized).doesNotContainPattern("[\\s-]").isEqualTo(normalized.toUpperCase(Locale.ROOT));
		assertThat(normalized).doesNotContain("O", "I", "L");
	}

	/**
	 * A code from the alphabet, typed with any mix of case, spaces, dashes and look-alikes (o for 0, i or l for 1),
	 * normalizes to the code itself.
	 */
	@FuzzTest
	void aRecoveryCodeTypedCarelesslyNormalizesToTheCode(FuzzedDataProvider typing) {
		StringBuilder code = new StringBuilder();
		StringBuilder typed = new StringBuilder();
		for (int i = 0; i < RecoveryCodes.LENGTH; i++) {
			char symbol = RecoveryCodes.ALPHABET.charAt(typing.consumeInt(0, RecoveryCodes.ALPHABET.length() - 1));
			code.append(symbol);
			typed.append(typing.pickValue(List.of("", " ", "-", "  ", "\t", "\n", " - ")));
			typed.append(switch (symbol) {
				case '0' -> typing.pickValue(List.of("0", "o", "O"));
				case '1' -> typing.pickValue(List.of("1", "i", "I", "l", "L"));
				default -> typing.consumeBoolean() ? Character.toLowerCase(symbol) : symbol;
			});
		}
		assertThat(RecoveryCodes.normalize(typed.toString())).isEqualTo(code.toString());
	}

	static long seconds(String text) {
		try {
			return Math.floorMod(Long.parseLong(text.strip()), LATEST);
		}
		catch (NumberFormatException notANumber) {
			return 0;
		}
	}

}
