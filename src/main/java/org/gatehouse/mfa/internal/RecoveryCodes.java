package org.gatehouse.mfa.internal;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.gatehouse.hashing.Argon2Slots;
import org.gatehouse.hashing.PasswordHashing;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Recovery codes: 10 codes of 16 symbols from a 32-symbol alphabet (80 bits each), shown as
 * {@code XXXX-XXXX-XXXX-XXXX} and stored only as salted Argon2id hashes (the same PHC format whichever
 * implementation computes them).
 */
public final class RecoveryCodes {

	/** Crockford's Base32 alphabet: no I, L, O or U. */
	public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	public static final int COUNT = 10;

	public static final int LENGTH = 16;

	private static final int GROUP = 4;

	private final SecureRandom random = new SecureRandom();

	private final Argon2Slots slots;

	private final PasswordEncoder encoder;

	/**
	 * Codes hashed and checked with this encoder ({@link #argon2id}) in these slots, the ones password
	 * hashes run in: one Argon2 computation per processor at a time, whatever it hashes.
	 */
	public RecoveryCodes(Argon2Slots slots, PasswordEncoder encoder) {
		this.slots = slots;
		this.encoder = encoder;
	}

	/**
	 * Argon2id at m = 4 MiB, t = 2 (80 random bits need less than a password): by the reference C
	 * implementation where it is allowed and loads (a third of Bouncy Castle's time).
	 */
	public static PasswordEncoder argon2id(boolean nativeAllowed) {
		return PasswordHashing.argon2id(nativeAllowed, 4096, 2);
	}

	public List<String> generate() {
		Set<String> codes = new LinkedHashSet<>();
		while (codes.size() < COUNT) {
			codes.add(newCode());
		}
		return List.copyOf(codes);
	}

	/**
	 * The code as it is hashed: without spaces or dashes, upper case, with O read as 0 and I
	 * or L as 1.
	 */
	public static String normalize(String typed) {
		if (typed == null) {
			return "";
		}
		return typed.replaceAll("[\\s-]", "")
			.toUpperCase(Locale.ROOT)
			.replace('O', '0')
			.replace('I', '1')
			.replace('L', '1');
	}

	public String hash(String code) {
		return hashAll(List.of(code)).get(0);
	}

	/** A new set of codes, to be shown once, and their hashes, to be stored. */
	public record Fresh(List<String> codes, List<String> hashes) {

		@Override
		public String toString() {
			return "Fresh[" + codes.size() + " codes]";
		}

	}

	/** A new set with its hashes, computed in one turn of a slot. */
	public Fresh fresh() {
		List<String> codes = generate();
		return new Fresh(codes, hashAll(codes));
	}

	/** The hashes of a new set, computed in one turn of a slot. */
	public List<String> hashAll(List<String> codes) {
		return this.slots.run(() -> codes.stream().map(code -> this.encoder.encode(normalize(code))).toList());
	}

	public boolean matches(String typedCode, String hash) {
		return hash != null && firstMatch(typedCode, List.of(hash), Function.identity()).isPresent();
	}

	/**
	 * The stored code the typed one is, if any, checked against each in one turn of a slot (a set's
	 * codes differ, so at most one can match).
	 */
	public <T> Optional<T> firstMatch(String typedCode, List<T> stored, Function<T, String> hash) {
		String normalized = normalize(typedCode);
		if (normalized.isEmpty() || stored.isEmpty()) {
			return Optional.empty();
		}
		return this.slots.run(() -> stored.stream().filter(candidate -> {
			String storedHash = hash.apply(candidate);
			return storedHash != null && this.encoder.matches(normalized, storedHash);
		}).findFirst());
	}

	private String newCode() {
		StringBuilder code = new StringBuilder(LENGTH + LENGTH / GROUP);
		for (int i = 0; i < LENGTH; i++) {
			if (i > 0 && i % GROUP == 0) {
				code.append('-');
			}
			code.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

}
