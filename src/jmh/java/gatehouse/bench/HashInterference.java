package gatehouse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.gatehouse.hashing.PasswordHashing;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What other work on the same cores does to the processor time of one password hash. One hashing
 * thread per core verifies the service's Argon2id hash without pause, each hash timed by its own
 * thread's CPU clock, beside "other work" of a fixed total share of the cores, cut into pieces of a
 * given length: each piece wakes up, touches a 2 MiB buffer at random places for its length, and
 * sleeps. The same share in many short pieces or a few long ones tells whether a hash pays for being
 * interrupted often (caches and TLB refilled after each piece) beyond the time the pieces take.
 *
 * The host's own speed drifts by more than the effect from one minute to the next, so the cases take
 * turns, round after round, and the summary compares each case with the run without other work of
 * the same round.
 *
 * <pre>bench/hash-interference.sh [seconds per case, default 10] [rounds, default 6]</pre>
 */
public final class HashInterference {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/** Where the other work's reads go, so that the JIT cannot drop them. */
	private static volatile long sink;

	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
		int cores = Runtime.getRuntime().availableProcessors();
		PasswordEncoder encoder = PasswordHashing.argon2id(true);
		String hash = encoder.encode("correct horse battery staple");
		double share = 0.15; // of all cores, about what a sign-in's work outside the hash takes
		System.out.printf("%d cores, %d hashing threads, other work %.0f %% of the cores where there is any, %d s each%n",
				cores, cores, share * 100, seconds);
		run(encoder, hash, cores, 3, 0, 0, 0); // warm-up
		long[][] cases = { { 0, 0 }, { 50, 0 }, { 200, 0 }, { 2000, 0 } };
		double[][] perHash = new double[rounds][cases.length];
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < cases.length; i++) {
				long[] c = cases[i];
				long pieceMicros = c[0];
				double perSecond = pieceMicros == 0 ? 0 : share * cores * 1_000_000 / pieceMicros;
				Result r = run(encoder, hash, cores, seconds, pieceMicros, perSecond, 2);
				perHash[round][i] = r.cpuNanosPerHash / 1e6;
				System.out.printf("other work %s: %.2f ms of CPU per hash (%d hashes, %.1f/s), other work %.1f %% of the"
						+ " cores in %.0f pieces/s%n",
						pieceMicros == 0 ? "none            " : String.format("in %4d µs pieces", pieceMicros),
						r.cpuNanosPerHash / 1e6, r.hashes, r.hashes / (double) seconds,
						r.otherCpuNanos * 100.0 / (seconds * 1e9 * cores), r.pieces / (double) seconds);
			}
		}
		for (int i = 1; i < cases.length; i++) {
			double[] ratios = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				ratios[round] = perHash[round][i] / perHash[round][0];
			}
			Arrays.sort(ratios);
			double mean = Arrays.stream(ratios).average().orElse(Double.NaN);
			System.out.printf("other work in %4d µs pieces: CPU per hash %.3f × that of the same round without"
					+ " (mean of %d rounds; lowest %.3f, highest %.3f)%n", cases[i][0], mean, rounds, ratios[0],
					ratios[rounds - 1]);
		}
	}

	record Result(long hashes, double cpuNanosPerHash, long otherCpuNanos, long pieces) {
	}

	static Result run(PasswordEncoder encoder, String hash, int hashers, int seconds, long pieceMicros,
			double piecesPerSecond, int otherThreads) throws InterruptedException {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		AtomicLong hashes = new AtomicLong();
		AtomicLong hashCpu = new AtomicLong();
		AtomicLong otherCpu = new AtomicLong();
		AtomicLong pieces = new AtomicLong();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < hashers; i++) {
			threads.add(new Thread(() -> {
				while (System.nanoTime() < end) {
					long before = THREADS.getCurrentThreadCpuTime();
					if (!encoder.matches("correct horse battery staple", hash)) {
						throw new IllegalStateException("the hash does not verify");
					}
					hashCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - before);
					hashes.incrementAndGet();
				}
			}));
		}
		if (pieceMicros > 0) {
			long intervalNanos = (long) (otherThreads * 1e9 / piecesPerSecond);
			for (int i = 0; i < otherThreads; i++) {
				threads.add(new Thread(() -> {
					byte[] buffer = new byte[2 << 20];
					long cpuBefore = THREADS.getCurrentThreadCpuTime();
					long next = System.nanoTime();
					long read = 0;
					while (System.nanoTime() < end) {
						next += intervalNanos;
						long pieceCpuStart = THREADS.getCurrentThreadCpuTime();
						while (THREADS.getCurrentThreadCpuTime() - pieceCpuStart < pieceMicros * 1000) {
							for (int k = 0; k < 64; k++) {
								int at = ThreadLocalRandom.current().nextInt(buffer.length);
								buffer[at] += (byte) k;
								read += buffer[(at * 31) & (buffer.length - 1)];
							}
						}
						pieces.incrementAndGet();
						long wait = next - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
					}
					sink = read;
					otherCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuBefore);
				}));
			}
		}
		threads.forEach(Thread::start);
		for (Thread t : threads) {
			t.join();
		}
		return new Result(hashes.get(), hashCpu.get() / (double) Math.max(1, hashes.get()), otherCpu.get(), pieces.get());
	}

}
