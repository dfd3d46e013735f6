package org.gatehouse.hashing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The slots every Argon2 computation of the service runs in, passwords and recovery codes alike:
 * as many as there are processors. Each computation needs a core for milliseconds to tens of
 * milliseconds and a block of memory of its own (19 MiB for a password, 4 MiB for a recovery
 * code); more at once only adds memory and context switches, so further computations wait their
 * turn, fairly.
 * <p>
 * Measures what capacity planning needs: {@code gatehouse.password.hash.wait} (time queued for a
 * slot), {@code gatehouse.password.hash} (time computing) and {@code gatehouse.password.hash.cpu}
 * (processor seconds of the computing threads), so the part of the service's processor time that
 * is hashing can be told from the rest; and {@code gatehouse.password.hash.queue}, the computations
 * waiting for a slot now.
 */
public final class Argon2Slots {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Semaphore permits;
	private final Timer waiting;
	private final Timer computing;
	private final Counter cpu;
	private final boolean cpuMeasured;

	public Argon2Slots(int slots, MeterRegistry meters) {
		if (slots < 1) {
			throw new IllegalArgumentException("Argon2 needs at least one slot");
		}
		this.permits = new Semaphore(slots, true);
		this.waiting = Timer.builder("gatehouse.password.hash.wait")
			.description("Time an Argon2 computation (password or recovery code) waited for a slot")
			.register(meters);
		this.computing = Timer.builder("gatehouse.password.hash")
			.description("Time spent computing Argon2 hashes of passwords and recovery codes (encode and verify)")
			.register(meters);
		this.cpu = Counter.builder("gatehouse.password.hash.cpu")
			.baseUnit("seconds")
			.description("Processor time of the threads computing Argon2 hashes")
			.register(meters);
		this.cpuMeasured = THREADS.isCurrentThreadCpuTimeSupported();
		Gauge.builder("gatehouse.password.hash.queue", this, Argon2Slots::waiting)
			.description("Argon2 computations (passwords and recovery codes) waiting for a slot")
			.register(meters);
	}

	/** How many computations are waiting for a slot (an estimate, as the queue changes while it is read). */
	public int waiting() {
		return this.permits.getQueueLength();
	}

	/** The encoder, computing only in one of these slots. */
	public PasswordEncoder bound(PasswordEncoder argon2) {
		return new BoundedPasswordEncoder(argon2, this);
	}

	/**
	 * Runs Argon2 work in a slot, waiting for one if all are taken. Work of several computations that
	 * belong together (a set of recovery codes) takes one turn rather than queueing once for each.
	 */
	public <T> T run(Supplier<T> hash) {
		long queued = System.nanoTime();
		this.permits.acquireUninterruptibly();
		long started = System.nanoTime();
		long cpuStarted = this.cpuMeasured ? THREADS.getCurrentThreadCpuTime() : 0;
		try {
			return hash.get();
		}
		finally {
			long cpuUsed = this.cpuMeasured ? THREADS.getCurrentThreadCpuTime() - cpuStarted : 0;
			long finished = System.nanoTime();
			this.permits.release();
			this.waiting.record(started - queued, TimeUnit.NANOSECONDS);
			this.computing.record(finished - started, TimeUnit.NANOSECONDS);
			this.cpu.increment(cpuUsed / 1e9);
		}
	}

}
