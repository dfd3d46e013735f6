package org.gatehouse.hashing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two Argon2id implementations (Bouncy Castle through Spring Security, and the reference C
 * implementation through argon2-jvm) agree on the standard test vectors and verify each
 * other's hashes at the service's parameters.
 */
class PasswordHashingTests {

	private static final int SALT = 16;
	private static final int HASH = 32;
	private static final int MEMORY_KIB = 19 * 1024;
	private static final int ITERATIONS = 2;

	private final PasswordEncoder bouncyCastle = new Argon2PasswordEncoder(SALT, HASH, 1, MEMORY_KIB, ITERATIONS);

	private final PasswordEncoder reference = new NativeArgon2PasswordEncoder(SALT, HASH, 1, MEMORY_KIB, ITERATIONS);

	/** RFC 9106 section 5.3: Argon2id, m = 32 KiB, t = 3, p = 4, with secret and associated data. */
	private static final String RFC_9106_TAG = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";

	/** The reference implementation's test vectors (phc-winner-argon2, src/test.c). */
	private static final String[] REFERENCE_HASHES = {
			"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
			"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4" };

	@Test
	void bouncyCastleReproducesTheRfc9106Vector() {
		Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withIterations(3)
			.withMemoryAsKB(32)
			.withParallelism(4)
			.withSalt(filled(16, 2))
			.withSecret(filled(8, 3))
			.withAdditional(filled(12, 4))
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] tag = new byte[32];
		generator.generateBytes(filled(32, 1), tag);
		assertThat(HexFormat.of().formatHex(tag)).isEqualTo(RFC_9106_TAG);
	}

	@Test
	void referenceImplementationReproducesTheRfc9106Vector() {
		Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
		byte[] tag = argon2.rawHashAdvanced(3, 32, 4, filled(32, 1), filled(16, 2), filled(8, 3), filled(12, 4), 32,
				Argon2Version.V13);
		assertThat(HexFormat.of().formatHex(tag)).isEqualTo(RFC_9106_TAG);
	}

	@Test
	void bothVerifyTheReferenceImplementationsEncodedHashes() {
		for (String hash : REFERENCE_HASHES) {
			assertThat(this.bouncyCastle.matches("password", hash)).as(hash).isTrue();
			assertThat(this.reference.matches("password", hash)).as(hash).isTrue();
			assertThat(this.bouncyCastle.matches("passwore", hash)).as(hash).isFalse();
			assertThat(this.reference.matches("passwore", hash)).as(hash).isFalse();
		}
	}

	@Test
	void bothComputeTheSameHashFromTheSameSaltAtTheServiceParameters() {
		byte[] salt = filled(SALT, 7);
		byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withIterations(ITERATIONS)
			.withMemoryAsKB(MEMORY_KIB)
			.withParallelism(1)
			.withSalt(salt)
			.build());
		byte[] fromBouncyCastle = new byte[HASH];
		generator.generateBytes(password, fromBouncyCastle);
		byte[] fromReference = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id)
			.rawHashAdvanced(ITERATIONS, MEMORY_KIB, 1, password, salt, null, null, HASH, Argon2Version.V13);
		assertThat(fromReference).isEqualTo(fromBouncyCastle);
	}

	@Test
	void eachVerifiesTheOthersHashes() {
		for (String password : new String[] { "correct horse battery staple", "pässwörd with ünïcödé ✓ 🔑" }) {
			String byBouncyCastle = this.bouncyCastle.encode(password);
			String byReference = this.reference.encode(password);
			assertThat(byReference).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
			assertThat(byBouncyCastle).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
			assertThat(this.reference.matches(password, byBouncyCastle)).isTrue();
			assertThat(this.bouncyCastle.matches(password, byReference)).isTrue();
			assertThat(this.reference.matches(password + "x", byBouncyCastle)).isFalse();
			assertThat(this.bouncyCastle.matches(password + "x", byReference)).isFalse();
		}
	}

	@Test
	void refusesMalformedHashesWithoutThrowing() {
		assertThat(this.reference.matches("password", null)).isFalse();
		assertThat(this.reference.matches("password", "")).isFalse();
		assertThat(this.reference.matches("password", "$argon2id$v=19$m=19456,t=2,p=1$bm90IGJhc2U2NA")).isFalse();
		assertThat(this.reference.matches("password", "$2a$10$notanargon2hash")).isFalse();
		String salt = "c29tZXNhbHQ";
		String hash = "nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
		assertThat(this.reference.matches("password", "$argon2id$v=19$m=256,t=2,p=1$" + salt + "$" + hash)).isTrue();
		// more memory than any hash of ours asks for, no lanes, an unknown version, a bad character or Base64 length: refused, not computed
		assertThat(this.reference.matches("password", "$argon2id$v=19$m=99999999,t=2,p=1$" + salt + "$" + hash)).isFalse();
		assertThat(this.reference.matches("password", "$argon2id$v=19$m=256,t=2,p=0$" + salt + "$" + hash)).isFalse();
		assertThat(this.reference.matches("password", "$argon2id$v=18$m=256,t=2,p=1$" + salt + "$" + hash)).isFalse();
		assertThat(this.reference.matches("password", "$argon2id$v=19$m=256,t=2,p=1$" + salt + "$" + hash + "!")).isFalse();
		assertThat(this.reference.matches("password", "$argon2id$v=19$m=256,t=2,p=1$" + salt + "$" + hash + "AB")).isFalse();
	}

	@Test
	void asksForRehashWhenTheParametersWereWeaker() {
		String weaker = new Argon2PasswordEncoder(SALT, HASH, 1, 4096, 2).encode("password");
		assertThat(this.reference.upgradeEncoding(weaker)).isTrue();
		assertThat(this.reference.upgradeEncoding(this.reference.encode("password"))).isFalse();
	}

	@Test
	void prefersTheReferenceImplementationAndFallsBackToBouncyCastle() {
		assertThat(NativeArgon2PasswordEncoder.preferred(true, SALT, HASH, 1, MEMORY_KIB, ITERATIONS))
			.isInstanceOf(NativeArgon2PasswordEncoder.class);
		assertThat(NativeArgon2PasswordEncoder.preferred(false, SALT, HASH, 1, MEMORY_KIB, ITERATIONS))
			.isInstanceOf(Argon2PasswordEncoder.class);
	}

	private static byte[] filled(int length, int value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

}
