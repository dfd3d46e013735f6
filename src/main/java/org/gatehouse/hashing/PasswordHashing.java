package org.gatehouse.hashing;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password hash of the service: Argon2id at m = 19 MiB, t = 2, p = 1 (OWASP's first
 * recommended setting), computed by the reference C implementation where its native library
 * loads, by Bouncy Castle otherwise. Public so that the benchmarks measure exactly this hash.
 */
public final class PasswordHashing {

	public static final int SALT_BYTES = 16;

	public static final int HASH_BYTES = 32;

	public static final int PARALLELISM = 1;

	public static final int MEMORY_KIB = 19 * 1024;

	public static final int ITERATIONS = 2;

	/**
	 * Whether the native Argon2 may be used ({@code gatehouse.argon2.native}, default true; Bouncy
	 * Castle's otherwise), as a {@code @Value} expression for every Argon2 the service configures.
	 */
	public static final String NATIVE_ALLOWED = "${gatehouse.argon2.native:true}";

	private PasswordHashing() {
	}

	/** The service's Argon2id, native when allowed and loadable, without the service's concurrency bound. */
	public static PasswordEncoder argon2id(boolean nativeAllowed) {
		return argon2id(nativeAllowed, MEMORY_KIB, ITERATIONS);
	}

	/** Argon2id with other costs (e.g. for recovery codes, whose 80 random bits need less), same salt and output. */
	public static PasswordEncoder argon2id(boolean nativeAllowed, int memoryKiB, int iterations) {
		return NativeArgon2PasswordEncoder.preferred(nativeAllowed, SALT_BYTES, HASH_BYTES, PARALLELISM, memoryKiB,
				iterations);
	}

}
