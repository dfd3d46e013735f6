package org.gatehouse.hashing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native Argon2 computes in pooled blocks: reused from one hash to the next, never more of
 * them than hashes that ran at once, and none left once released.
 */
class Argon2MemoryTests {

	private static final long BLOCK = 4L * 1024 * 1024;

	private final PasswordEncoder argon2 = new NativeArgon2PasswordEncoder(16, 32, 1, 4 * 1024, 1);

	@Test
	void reusesOneBlockForHashesOneAfterAnother() {
		Argon2Memory.release();
		String hash = argon2.encode("first password");
		for (int i = 0; i < 5; i++) {
			assertThat(argon2.matches("first password", hash)).isTrue();
			assertThat(argon2.matches("another password", hash)).isFalse();
		}
		assertThat(Argon2Memory.inUse()).isZero();
		assertThat(pooledBlocks()).isEqualTo(1);
	}

	@Test
	void holdsNoMoreBlocksThanHashesRunAtOnceAndNoneOnceReleased() throws Exception {
		Argon2Memory.release();
		String hash = argon2.encode("password");
		int threads = 3;
		CyclicBarrier together = new CyclicBarrier(threads);
		List<Thread> running = new ArrayList<>();
		List<Boolean> results = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(() -> {
				for (int round = 0; round < 4; round++) {
					try {
						together.await();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					results.add(argon2.matches("password", hash));
				}
			});
			thread.start();
			running.add(thread);
		}
		for (Thread thread : running) {
			thread.join();
		}
		assertThat(results).hasSize(12).containsOnly(true);
		assertThat(Argon2Memory.inUse()).isZero();
		assertThat(pooledBlocks()).isBetween(1L, (long) threads);

		long pooled = Argon2Memory.pooledBytes();
		assertThat(Argon2Memory.release()).isEqualTo(pooled).isPositive();
		assertThat(Argon2Memory.pooledBytes()).isZero();
		assertThat(argon2.matches("password", hash)).isTrue();
	}

	@Test
	void aSmallerHashTakesAPooledLargerBlockAndALargerOneReplacesTheSmallerBlock() {
		PasswordEncoder larger = new NativeArgon2PasswordEncoder(16, 32, 1, 8 * 1024, 1);
		Argon2Memory.release();
		String small = argon2.encode("recovery code");
		String large = larger.encode("password");
		assertThat(Argon2Memory.pooledBytes()).as("the 4 MiB block gave way to the 8 MiB one").isEqualTo(2 * BLOCK);

		assertThat(argon2.matches("recovery code", small)).isTrue();
		assertThat(larger.matches("password", large)).isTrue();
		assertThat(Argon2Memory.pooledBytes()).as("both computed in the one 8 MiB block").isEqualTo(2 * BLOCK);
		assertThat(Argon2Memory.release()).isEqualTo(2 * BLOCK);
	}

	private static long pooledBlocks() {
		return Argon2Memory.pooledBytes() / BLOCK;
	}

}
