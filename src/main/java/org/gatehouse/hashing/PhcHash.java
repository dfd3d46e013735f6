package org.gatehouse.hashing;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stored Argon2id hash in the PHC string format, {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash} with unpadded
 * standard Base64, read before any Argon2 computes with it. Only the canonical form that both encoders write is read
 * (no leading zeros, no stray Base64 bits), and only with costs a sign-in can afford: a hash from elsewhere, or one
 * altered in the database, is refused instead of failing inside an Argon2 implementation or tying up a slot for hours.
 */
record PhcHash(int version, int memoryKiB, int iterations, int lanes, byte[] salt, byte[] hash) {

	static final int VERSION_10 = 0x10;

	static final int VERSION_13 = 0x13;

	/** Beyond these, a hash is refused, not computed: 1 GiB, 16 passes, 16 lanes (each a thread of libargon2). */
	static final int MAX_MEMORY_KIB = 1024 * 1024;

	static final int MAX_ITERATIONS = 16;

	static final int MAX_LANES = 16;

	private static final Pattern FORMAT = Pattern.compile(
			"\\$argon2id\\$v=([1-9][0-9]{0,2})\\$m=([1-9][0-9]{0,7}),t=([1-9][0-9]{0,3}),p=([1-9][0-9]{0,2})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{6,86})");

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	/** The hash, or empty when it is not a canonical Argon2id PHC string within the bounds above. */
	static Optional<PhcHash> parse(String encoded) {
		Matcher phc = encoded == null ? null : FORMAT.matcher(encoded);
		if (phc == null || !phc.matches()) {
			return Optional.empty();
		}
		int version = Integer.parseInt(phc.group(1));
		int memory = Integer.parseInt(phc.group(2));
		int iterations = Integer.parseInt(phc.group(3));
		int lanes = Integer.parseInt(phc.group(4));
		if ((version != VERSION_13 && version != VERSION_10) || lanes > MAX_LANES || memory < 8 * lanes
				|| memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS) {
			return Optional.empty();
		}
		byte[] salt = canonicalBase64(phc.group(5));
		byte[] hash = canonicalBase64(phc.group(6));
		if (salt == null || hash == null) {
			return Optional.empty();
		}
		return Optional.of(new PhcHash(version, memory, iterations, lanes, salt, hash));
	}

	String encoded() {
		return "$argon2id$v=" + version + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + lanes + "$"
				+ BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	@Override
	public String toString() {
		return "PhcHash[v=" + version + ",m=" + memoryKiB + ",t=" + iterations + ",p=" + lanes + "]";
	}

	/** The bytes, or null when the text is not their one unpadded Base64 spelling. */
	private static byte[] canonicalBase64(String text) {
		try {
			byte[] bytes = Base64.getDecoder().decode(text);
			return BASE64.encodeToString(bytes).equals(text) ? bytes : null;
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

}
