package org.gatehouse.hashing;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id computed by the reference C implementation (the {@code libargon2} that argon2-jvm
 * ships), in the same PHC string format as Spring Security's {@link Argon2PasswordEncoder}, so
 * each verifies the other's hashes. Chosen by measurement (docs/performance.md): as fast as
 * Bouncy Castle once that is compiled, but steady from the first hash of a fresh process and
 * without 19 MiB of garbage on the Java heap per hash. It computes in memory from
 * {@link Argon2Memory} (through the library's allocation callbacks) and reads and writes the PHC
 * string itself, so that the library only ever computes.
 */
final class NativeArgon2PasswordEncoder implements PasswordEncoder {

	private static final Logger log = LoggerFactory.getLogger(NativeArgon2PasswordEncoder.class);

	/** The reference implementation's own test vector (phc-winner-argon2, src/test.c). */
	private static final String REFERENCE_HASH = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

	private static final int ARGON2_FLAG_CLEAR_PASSWORD = 1;

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final int saltLength;
	private final int hashLength;
	private final int parallelism;
	private final int memoryKiB;
	private final int iterations;
	private final BouncyCastleArgon2PasswordEncoder parameters;

	/**
	 * @throws LinkageError or a runtime exception when the native library cannot be loaded
	 * here, or does not reproduce the reference test vector
	 */
	NativeArgon2PasswordEncoder(int saltLength, int hashLength, int parallelism, int memoryKiB, int iterations) {
		this.saltLength = saltLength;
		this.hashLength = hashLength;
		this.parallelism = parallelism;
		this.memoryKiB = memoryKiB;
		this.iterations = iterations;
		this.parameters = new BouncyCastleArgon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
		if (!matches("password", REFERENCE_HASH)) {
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
		return new BouncyCastleArgon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] salt = new byte[this.saltLength];
		RANDOM.nextBytes(salt);
		byte[] hash = compute(rawPassword, salt, PhcHash.VERSION_13, this.memoryKiB, this.iterations, this.parallelism,
				this.hashLength);
		return "$argon2id$v=19$m=" + this.memoryKiB + ",t=" + this.iterations + ",p=" + this.parallelism + "$"
				+ BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		PhcHash stored = PhcHash.parse(encodedPassword).orElse(null);
		if (stored == null) {
			log.warn("Malformed password hash");
			return false;
		}
		byte[] actual = compute(rawPassword, stored.salt(), stored.version(), stored.memoryKiB(), stored.iterations(),
				stored.lanes(), stored.hash().length);
		return MessageDigest.isEqual(stored.hash(), actual);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.parameters.upgradeEncoding(encodedPassword);
	}

	@Override
	public String toString() {
		return "NativeArgon2PasswordEncoder[m=" + this.memoryKiB + ",t=" + this.iterations + ",p=" + this.parallelism + "]";
	}

	/** Argon2id of the password, computed by libargon2 in memory from {@link Argon2Memory}. */
	private static byte[] compute(CharSequence rawPassword, byte[] salt, int version, int memoryKiB, int iterations,
			int lanes, int length) {
		byte[] password = utf8(rawPassword);
		Memory pwd = new Memory(Math.max(1, password.length));
		Memory saltMemory = new Memory(salt.length);
		Memory out = new Memory(length);
		try {
			pwd.write(0, password, 0, password.length);
			saltMemory.write(0, salt, 0, salt.length);
			Argon2_context.ByReference context = new Argon2_context.ByReference();
			context.out = out;
			context.outlen = new JnaUint32(length);
			context.pwd = pwd;
			context.pwdlen = new JnaUint32(password.length);
			context.salt = saltMemory;
			context.saltlen = new JnaUint32(salt.length);
			context.secret = Pointer.NULL;
			context.secretlen = new JnaUint32(0);
			context.ad = Pointer.NULL;
			context.adlen = new JnaUint32(0);
			context.t_cost = new JnaUint32(iterations);
			context.m_cost = new JnaUint32(memoryKiB);
			context.lanes = new JnaUint32(lanes);
			context.threads = new JnaUint32(lanes);
			context.version = new Argon2_version(version);
			context.allocate_cbk = Argon2Memory.ALLOCATE_CALLBACK;
			context.free_cbk = Argon2Memory.FREE_CALLBACK;
			context.flags = new JnaUint32(ARGON2_FLAG_CLEAR_PASSWORD);
			int result = Argon2Library.INSTANCE.argon2id_ctx(context);
			if (result != Argon2Library.ARGON2_OK) {
				throw new IllegalStateException("Argon2 failed: " + Argon2Library.INSTANCE.argon2_error_message(result));
			}
			return out.getByteArray(0, length);
		}
		finally {
			Arrays.fill(password, (byte) 0);
			pwd.clear();
			out.clear();
			pwd.close();
			saltMemory.close();
			out.close();
		}
	}

	private static byte[] utf8(CharSequence raw) {
		var buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(raw));
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		Arrays.fill(buffer.array(), (byte) 0);
		return bytes;
	}

}
