package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * TOTP codes (RFC 6238) with the Gatehouse policy: HMAC-SHA1, 6 digits, 30 second steps from
 * T0 = 0, and the steps T-1, T and T+1 of the server clock accepted.
 */
public final class TotpCodes {

	public static final int STEP_SECONDS = 30;

	public static final int DIGITS = 6;

	private static final Duration STEP = Duration.ofSeconds(STEP_SECONDS);

	private final TimeBasedOneTimePasswordGenerator generator;

	public TotpCodes() {
		this(TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1, DIGITS);
	}

	TotpCodes(String hmacAlgorithm, int digits) {
		this.generator = new TimeBasedOneTimePasswordGenerator(STEP, digits, hmacAlgorithm);
	}

	public static long stepAt(Instant now) {
		return Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
	}

	public String codeAt(byte[] secret, long step) {
		SecretKeySpec key = new SecretKeySpec(secret, this.generator.getAlgorithm());
		try {
			return this.generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP_SECONDS),
					Locale.ROOT);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalArgumentException("TOTP secret is not a usable HMAC key", ex);
		}
	}

	/**
	 * The step among T-1, T and T+1 whose code equals {@code code}, all three compared in
	 * constant time; the earliest wins should two steps share a code.
	 */
	public OptionalLong matchingStep(byte[] secret, String code, Instant now) {
		String typed = (code != null) ? code.replace(" ", "") : "";
		if (!isWellFormed(typed)) {
			return OptionalLong.empty();
		}
		long current = stepAt(now);
		OptionalLong match = OptionalLong.empty();
		for (long step = current + 1; step >= current - 1; step--) {
			if (sameCode(codeAt(secret, step), typed)) {
				match = OptionalLong.of(step);
			}
		}
		return match;
	}

	private boolean isWellFormed(String typed) {
		return typed.length() == this.generator.getPasswordLength()
				&& typed.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	private static boolean sameCode(String expected, String typed) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				typed.getBytes(StandardCharsets.US_ASCII));
	}

}
