package org.gatehouse.hashing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound on concurrent Argon2 computations, and the figures it reports about them. */
class BoundedPasswordEncoderTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void neverRunsMoreHashesAtOnceThanItsBound() throws InterruptedException {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		PasswordEncoder slow = new FakeHash(() -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			sleep(20);
			running.decrementAndGet();
		});
		PasswordEncoder bounded = new Argon2Slots(2, meters).bound(slow);
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			callers.add(started(() -> bounded.matches("password", "hash")));
		}
		for (Thread caller : callers) {
			caller.join();
		}
		assertThat(most.get()).isEqualTo(2);
		assertThat(meters.timer("gatehouse.password.hash").count()).isEqualTo(8);
		assertThat(meters.timer("gatehouse.password.hash.wait").max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(15);
	}

	@Test
	void encodersInTheSameSlotsShareTheBound() throws InterruptedException {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		Runnable work = () -> {
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
			sleep(20);
			running.decrementAndGet();
		};
		Argon2Slots slots = new Argon2Slots(2, meters);
		PasswordEncoder passwords = slots.bound(new FakeHash(work));
		PasswordEncoder recoveryCodes = slots.bound(new FakeHash(work));
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			callers.add(started(() -> passwords.encode("password")));
			callers.add(started(() -> recoveryCodes.matches("code", "hash")));
		}
		for (Thread caller : callers) {
			caller.join();
		}
		assertThat(most.get()).isEqualTo(2);
		assertThat(meters.timer("gatehouse.password.hash").count()).isEqualTo(8);
	}

	@Test
	void reportsTheProcessorTimeOfTheHashSeparatelyFromTheWaitForATurn() throws InterruptedException {
		PasswordEncoder busy = new FakeHash(() -> spin(TimeUnit.MILLISECONDS.toNanos(30)));
		PasswordEncoder bounded = new Argon2Slots(1, meters).bound(busy);
		CountDownLatch holding = new CountDownLatch(1);
		Thread first = started(() -> {
			holding.countDown();
			bounded.encode("password");
		});
		holding.await();
		bounded.matches("password", "hash");
		first.join();

		assertThat(meters.timer("gatehouse.password.hash").count()).isEqualTo(2);
		double cpuSeconds = meters.counter("gatehouse.password.hash.cpu").count();
		double computingSeconds = meters.timer("gatehouse.password.hash").totalTime(TimeUnit.SECONDS);
		assertThat(cpuSeconds).isGreaterThanOrEqualTo(0.050).isLessThanOrEqualTo(computingSeconds + 0.005);
	}

	private static Thread started(Runnable work) {
		Thread thread = new Thread(work);
		thread.start();
		return thread;
	}

	private static void spin(long cpuNanos) {
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		long until = threads.getCurrentThreadCpuTime() + cpuNanos;
		while (threads.getCurrentThreadCpuTime() < until) {
			Thread.onSpinWait();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record FakeHash(Runnable work) implements PasswordEncoder {

		@Override
		public String encode(CharSequence raw) {
			work.run();
			return "hash";
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			work.run();
			return true;
		}

	}

}
