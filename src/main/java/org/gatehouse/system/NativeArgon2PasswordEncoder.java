package org.gatehouse.system;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id computed by the reference C implementation (the {@code libargon2} that argon2-jvm
 * ships), in the same PHC string format as Spring Security's {@link Argon2PasswordEncoder}, so
 * each verifies the other's hashes. Chosen by measurement (docs/performance.md): as fast as
 * Bouncy Castle once that is compiled, but steady from the first hash of a fresh process and
 * without 19 MiB of garbage on the Java heap per hash.
 */
final class NativeArgon2PasswordEncoder implements PasswordEncoder {

	private static final Logger log = LoggerFactory.getLogger(NativeArgon2PasswordEncoder.class);

	/** The reference implementation's own test vector (phc-winner-argon2, src/test.c). */
	private static final String REFERENCE_HASH = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

	private final Argon2Advanced argon2;
	private final int parallelism;
	private final int memoryKiB;
	private final int iterations;
	private final Argon2PasswordEncoder parameters;

	/**
	 * @throws LinkageError or a runtime exception when the native library cannot be loaded
	 * here, or does not reproduce the reference test vector
	 */
	NativeArgon2PasswordEncoder(int saltLength, int hashLength, int parallelism, int memoryKiB, int iterations) {
		this.argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, saltLength, hashLength);
		this.parallelism = parallelism;
		this.memoryKiB = memoryKiB;
		this.iterations = iterations;
		this.parameters = new Argon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
		if (!this.argon2.verify(REFERENCE_HASH, "password".getBytes(StandardCharsets.UTF_8))) {
			throw new IllegalStateException("native Argon2id does not reproduce the reference test vector");
		}
	}

	/**
	 * The native implementation where its library loads and passes its self-test, otherwise
	 * Bouncy Castle's (Spring Security's encoder) with the same parameters.
	 */
	static PasswordEncoder preferred(boolean nativeAllowed, int saltLength, int hashLength, int parallelism,
			int memoryKiB, int iterations) {
		if (nativeAllowed) {
			try {
				return new NativeArgon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
			}
			catch (LinkageError | RuntimeException ex) {
				log.warn("Native Argon2 is not available here ({}); hashing passwords with Bouncy Castle instead", ex.toString());
			}
		}
		return new Argon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] password = utf8(rawPassword);
		try {
			return this.argon2.hash(this.iterations, this.memoryKiB, this.parallelism, password);
		}
		finally {
			Arrays.fill(password, (byte) 0);
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
			return this.parameters.matches(rawPassword, encodedPassword);
		}
		byte[] password = utf8(rawPassword);
		try {
			return this.argon2.verify(encodedPassword, password);
		}
		catch (IllegalStateException malformed) {
			log.warn("Malformed password hash");
			return false;
		}
		finally {
			Arrays.fill(password, (byte) 0);
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.parameters.upgradeEncoding(encodedPassword);
	}

	@Override
	public String toString() {
		return "NativeArgon2PasswordEncoder[m=" + this.memoryKiB + ",t=" + this.iterations + ",p=" + this.parallelism + "]";
	}

	private static byte[] utf8(CharSequence raw) {
		var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(raw));
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		Arrays.fill(buffer.array(), (byte) 0);
		return bytes;
	}

}
