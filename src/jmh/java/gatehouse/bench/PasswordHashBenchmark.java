package gatehouse.bench;

import java.util.concurrent.TimeUnit;

import org.gatehouse.hashing.PasswordHashing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One password verification with the service's Argon2id (m = 19 MiB, t = 2, p = 1), by the
 * reference C implementation ({@code native}) and by Bouncy Castle ({@code java}). Run it with
 * {@code -t 2} for the rate of both cores. Each fork is a fresh process, so the spread between
 * forks shows how steady an implementation is from one start to the next.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(3)
public class PasswordHashBenchmark {

	@Param({ "native", "java" })
	public String implementation;

	private PasswordEncoder encoder;

	private String hash;

	@Setup
	public void hash() {
		this.encoder = PasswordHashing.argon2id("native".equals(this.implementation));
		this.hash = this.encoder.encode("correct horse battery staple");
	}

	@Benchmark
	public boolean verify() {
		return this.encoder.matches("correct horse battery staple", this.hash);
	}

}
