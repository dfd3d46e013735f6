package org.gatehouse.mfa.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.gatehouse.hashing.Argon2Memory;
import org.gatehouse.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery codes are hashed with Argon2id too (4 MiB each), so they take the same processor slots
 * as passwords: at most one computation per processor at a time, whatever is being hashed. Outside
 * the slots, concurrent enrollments and recovery-code attempts each mapped a block of their own and
 * ran beside the password hashes the slots had already let run.
 */
@IntegrationTest
class RecoveryCodeHashingIntegrationTests {

	@Autowired
	RecoveryCodes recoveryCodes;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRecoveryCodeIsHashedAndCheckedInThePasswordHashingSlots() {
		long before = meters.timer("gatehouse.password.hash").count();

		String code = recoveryCodes.generate().get(0);
		String hash = recoveryCodes.hash(code);

		assertThat(recoveryCodes.matches(code.toLowerCase(), hash)).isTrue();
		assertThat(meters.timer("gatehouse.password.hash").count() - before).isEqualTo(2);
	}

	@Test
	void moreRecoveryCodeHashesThanProcessorsNeverComputeAtOnce() throws Exception {
		int processors = Runtime.getRuntime().availableProcessors();
		int threads = processors + 3;
		CyclicBarrier together = new CyclicBarrier(threads + 1);
		AtomicBoolean hashing = new AtomicBoolean(true);
		AtomicInteger most = new AtomicInteger();
		List<Thread> running = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			running.add(started(() -> {
				await(together);
				for (String code : recoveryCodes.generate().subList(0, 4)) {
					recoveryCodes.hash(code);
				}
			}));
		}
		await(together);
		Thread watcher = started(() -> {
			while (hashing.get()) {
				most.accumulateAndGet(Argon2Memory.inUse(), Math::max);
				Thread.onSpinWait();
			}
		});
		for (Thread thread : running) {
			thread.join();
		}
		hashing.set(false);
		watcher.join();

		assertThat(most.get()).as("Argon2 computations at once").isBetween(1, processors);
	}

	private static Thread started(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
