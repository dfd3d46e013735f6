package org.gatehouse.mfa.internal;

import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.gatehouse.system.PasswordHashing;
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

	/** Argon2id at m = 4 MiB, t = 2: by the reference C implementation where it loads (a third of Bouncy Castle's time). */
	private final PasswordEncoder encoder = PasswordHashing.argon2id(true, 4096, 2);

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
		return this.encoder.encode(normalize(code));
	}

	public boolean matches(String typedCode, String hash) {
		String normalized = normalize(typedCode);
		return !normalized.isEmpty() && hash != null && this.encoder.matches(normalized, hash);
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
