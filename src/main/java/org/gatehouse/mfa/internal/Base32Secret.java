package org.gatehouse.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

/**
 * TOTP secrets: 20 random bytes, written as upper-case Base32 without padding (RFC 4648).
 */
public final class Base32Secret {

	public static final int SECRET_BYTES = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base32 BASE32 = Base32.builder().setDecodingPolicy(CodecPolicy.STRICT).get();

	/**
	 * Checked before upper-casing: Java upper-cases the dotless {@code ı} to {@code I} and the long {@code ſ} to
	 * {@code S}, which are no Base32 a person types.
	 */
	private static final Pattern ALPHABET = Pattern.compile("[A-Za-z2-7]+");

	private Base32Secret() {
	}

	public static byte[] generate() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return secret;
	}

	public static String encode(byte[] secret) {
		return BASE32.encodeAsString(secret).replace("=", "");
	}

	/**
	 * Decodes a Base32 secret as a person may type it: any case, with spaces, no padding needed.
	 * @throws IllegalArgumentException if it is not Base32; the message never repeats the input
	 */
	public static byte[] decode(String base32) {
		String typed = (base32 != null) ? base32.replace(" ", "") : "";
		if (!ALPHABET.matcher(typed).matches()) {
			throw new IllegalArgumentException("Secret is not Base32 (A-Z, 2-7)");
		}
		try {
			return BASE32.decode(compact(typed).getBytes(StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Secret has an impossible Base32 length");
		}
	}

	public static String grouped(String base32) {
		String compact = compact(base32);
		StringBuilder grouped = new StringBuilder(compact.length() + compact.length() / 4);
		for (int start = 0; start < compact.length(); start += 4) {
			if (start > 0) {
				grouped.append(' ');
			}
			grouped.append(compact, start, Math.min(start + 4, compact.length()));
		}
		return grouped.toString();
	}

	private static String compact(String base32) {
		return (base32 != null) ? base32.replace(" ", "").toUpperCase(Locale.ROOT) : "";
	}

}
