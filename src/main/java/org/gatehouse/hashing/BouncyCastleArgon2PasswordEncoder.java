package org.gatehouse.hashing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Spring Security's Argon2 (Bouncy Castle) with the stored hash read by {@link PhcHash} first. Spring's own reader
 * let a malformed stored hash through as an {@code ArrayIndexOutOfBoundsException} (a hash without its salt or
 * digest), and Bouncy Castle as an {@code IllegalStateException} or {@code UnsupportedOperationException} (no lanes,
 * an unknown version): a failed sign-in became a 500. Found by {@code PasswordHashFuzzTests}.
 */
class BouncyCastleArgon2PasswordEncoder extends Argon2PasswordEncoder {

	private static final Logger log = LoggerFactory.getLogger(BouncyCastleArgon2PasswordEncoder.class);

	BouncyCastleArgon2PasswordEncoder(int saltLength, int hashLength, int parallelism, int memoryKiB, int iterations) {
		super(saltLength, hashLength, parallelism, memoryKiB, iterations);
	}

	@Override
	protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
		if (PhcHash.parse(encodedPassword).isEmpty()) {
			log.warn("Malformed password hash");
			return false;
		}
		return super.matchesNonNull(rawPassword, encodedPassword);
	}

	@Override
	protected boolean upgradeEncodingNonNull(String encodedPassword) {
		return PhcHash.parse(encodedPassword).isPresent() && super.upgradeEncodingNonNull(encodedPassword);
	}

}
