package org.gatehouse.hashing;

import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gatehouse.support.FuzzInput;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored password hashes, as the database hands them back: possibly from elsewhere, truncated or altered. Both
 * Argon2 implementations answer every one with a yes or a no, never an exception (a 500 at sign-in), agree with each
 * other, and compute nothing for a hash that is not a canonical Argon2id PHC string within the service's bounds.
 */
class PasswordHashFuzzTests {

	static {
		// a warning for every malformed hash, with Spring's stack trace, would slow the fuzzer down a hundredfold
		for (Class<?> encoder : new Class<?>[] { NativeArgon2PasswordEncoder.class, BouncyCastleArgon2PasswordEncoder.class,
				org.springframework.security.crypto.argon2.Argon2PasswordEncoder.class }) {
			((Logger) LoggerFactory.getLogger(encoder)).setLevel(Level.ERROR);
		}
	}

	static final PasswordEncoder NATIVE = NativeArgon2PasswordEncoder.preferred(true, 16, 32, 1, 64, 1);

	static final PasswordEncoder BOUNCY_CASTLE = NativeArgon2PasswordEncoder.preferred(false, 16, 32, 1, 64, 1);

	/** Costs (KiB times passes) the fuzzer computes; dearer hashes are only parsed, not computed, to keep it fast. */
	static final long AFFORDABLE = 4096;

	@FuzzTest
	void checksAnyStoredHashWithoutFailing(byte[] data) {
		String stored = FuzzInput.text(data);
		Optional<PhcHash> hash = PhcHash.parse(stored);
		if (hash.isPresent() && (long) hash.get().memoryKiB() * hash.get().iterations() > AFFORDABLE) {
			return;
		}
		boolean nativeAnswer = NATIVE.matches("password", stored);
		boolean bouncyCastleAnswer = BOUNCY_CASTLE.matches("password", stored);
		assertThat(nativeAnswer).as("both implementations agree").isEqualTo(bouncyCastleAnswer);
		if (hash.isEmpty()) {
			assertThat(nativeAnswer).as("a hash that does not parse matches nothing").isFalse();
		}
		assertThat(BOUNCY_CASTLE.upgradeEncoding(stored)).isEqualTo(NATIVE.upgradeEncoding(stored));
	}

	@FuzzTest
	void readsOnlyCanonicalArgon2idHashesWithinBounds(byte[] data) {
		String stored = FuzzInput.text(data);
		PhcHash.parse(stored).ifPresent(hash -> {
			assertThat(hash.encoded()).isEqualTo(stored);
			assertThat(hash.version()).isIn(0x10, 0x13);
			assertThat(hash.lanes()).isBetween(1, PhcHash.MAX_LANES);
			assertThat(hash.memoryKiB()).isBetween(8 * hash.lanes(), PhcHash.MAX_MEMORY_KIB);
			assertThat(hash.iterations()).isBetween(1, PhcHash.MAX_ITERATIONS);
			assertThat(hash.salt()).hasSizeBetween(8, 64);
			assertThat(hash.hash()).hasSizeBetween(4, 64);
			assertThat(hash.toString()).doesNotContain(stored.substring(stored.lastIndexOf('$') + 1));
		});
	}

}
