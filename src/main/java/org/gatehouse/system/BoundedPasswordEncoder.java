package org.gatehouse.system;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most as many Argon2 computations run at once as there are processors. Each one needs
 * 19 MiB and a core for tens of milliseconds; more at once only adds memory and context switches,
 * so further requests wait their turn (fairly) instead.
 * <p>
 * Measures what capacity planning needs: {@code gatehouse.password.hash.wait} (time queued for a
 * turn), {@code gatehouse.password.hash} (time computing) and
 * {@code gatehouse.password.hash.cpu} (processor seconds of the computing threads), so the part
 * of the service's processor time that is the hash can be told from the rest.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final PasswordEncoder delegate;
	private final Semaphore permits;
	private final Timer waiting;
	private final Timer computing;
	private final Counter cpu;
	private final boolean cpuMeasured;

	BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency, MeterRegistry meters) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("password hashing concurrency must be at least 1");
		}
		this.delegate = delegate;
		this.permits = new Semaphore(concurrency, true);
		this.waiting = Timer.builder("gatehouse.password.hash.wait")
			.description("Time a password hash waited for one of the bounded computation slots")
			.register(meters);
		this.computing = Timer.builder("gatehouse.password.hash")
			.description("Time spent computing password hashes (encode and verify)")
			.register(meters);
		this.cpu = Counter.builder("gatehouse.password.hash.cpu")
			.baseUnit("seconds")
			.description("Processor time of the threads computing password hashes")
			.register(meters);
		this.cpuMeasured = THREADS.isCurrentThreadCpuTimeSupported();
	}

	@Override
	public String encode(CharSequence raw) {
		return bounded(() -> delegate.encode(raw));
	}

	@Override
	public boolean matches(CharSequence raw, String encoded) {
		return bounded(() -> delegate.matches(raw, encoded));
	}

	@Override
	public boolean upgradeEncoding(String encoded) {
		return delegate.upgradeEncoding(encoded);
	}

	private <T> T bounded(Supplier<T> hash) {
		long queued = System.nanoTime();
		permits.acquireUninterruptibly();
		long started = System.nanoTime();
		long cpuStarted = cpuMeasured ? THREADS.getCurrentThreadCpuTime() : 0;
		try {
			return hash.get();
		}
		finally {
			long cpuUsed = cpuMeasured ? THREADS.getCurrentThreadCpuTime() - cpuStarted : 0;
			long finished = System.nanoTime();
			permits.release();
			waiting.record(started - queued, TimeUnit.NANOSECONDS);
			computing.record(finished - started, TimeUnit.NANOSECONDS);
			cpu.increment(cpuUsed / 1e9);
		}
	}

	@Override
	public String toString() {
		return delegate.toString();
	}

}
