package org.gatehouse.hashing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pooled Argon2 blocks go back to the system once hashing has been idle long enough, not before. */
class IdleMemoryTests {

	private final NativeArgon2PasswordEncoder argon2 = new NativeArgon2PasswordEncoder(16, 32, 1, 1024, 1);

	@Test
	void keepsTheBlocksWhileHashingIsRecent() {
		argon2.encode("password");
		new IdleMemory(Duration.ofHours(1), false).releaseWhenIdle();
		assertThat(Argon2Memory.pooledBytes()).isPositive();
	}

	@Test
	void releasesTheBlocksOnceHashingHasBeenIdle() throws InterruptedException {
		argon2.encode("password");
		assertThat(Argon2Memory.pooledBytes()).isPositive();
		Thread.sleep(30);
		new IdleMemory(Duration.ofMillis(20), false).releaseWhenIdle();
		assertThat(Argon2Memory.pooledBytes()).isZero();
	}

}
