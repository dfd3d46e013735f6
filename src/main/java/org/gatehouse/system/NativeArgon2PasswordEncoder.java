package org.gatehouse.system;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	/** {@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}, unpadded standard Base64 (the PHC string format). */
	private static final Pattern PHC = Pattern
		.compile("\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{6,86})");

	private static final int VERSION_13 = 0x13;

	private static final int ARGON2_FLAG_CLEAR_PASSWORD = 1;

	/** A stored hash asking for more than 1 GiB is refused, not computed. */
	private static final int MAX_MEMORY_KIB = 1024 * 1024;

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final int saltLength;
	private final int hashLength;
	private final int parallelism;
	private final int memoryKiB;
	private final int iterations;
	private final Argon2PasswordEncoder parameters;

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
		this.parameters = new Argon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
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
		return new Argon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] salt = new byte[this.saltLength];
		RANDOM.nextBytes(salt);
		byte[] hash = compute(rawPassword, salt, VERSION_13, this.memoryKiB, this.iterations, this.parallelism,
				this.hashLength);
		return "$argon2id$v=19$m=" + this.memoryKiB + ",t=" + this.iterations + ",p=" + this.parallelism + "$"
				+ BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
			return this.parameters.matches(rawPassword, encodedPassword);
		}
		Matcher phc = PHC.matcher(encodedPassword);
		if (!phc.matches()) {
			log.warn("Malformed password hash");
			return false;
		}
		int version = Integer.parseInt(phc.group(1));
		int memory = Integer.parseInt(phc.group(2));
		int iterations = Integer.parseInt(phc.group(3));
		int lanes = Integer.parseInt(phc.group(4));
		byte[] salt;
		byte[] expected;
		try {
			salt = Base64.getDecoder().decode(phc.group(5));
			expected = Base64.getDecoder().decode(phc.group(6));
		}
		catch (IllegalArgumentException notBase64) {
			log.warn("Malformed password hash");
			return false;
		}
		if ((version != VERSION_13 && version != 0x10) || lanes < 1 || memory < 8 * lanes || memory > MAX_MEMORY_KIB
				|| iterations < 1 || expected.length < 4) {
			log.warn("Malformed password hash");
			return false;
		}
		byte[] actual = compute(rawPassword, salt, version, memory, iterations, lanes, expected.length);
		return MessageDigest.isEqual(expected, actual);
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
