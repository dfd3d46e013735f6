package gatehouse.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.gatehouse.hashing.Argon2Slots;
import org.gatehouse.mfa.internal.RecoveryCodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The recovery-code check: a typed code against the stored salted Argon2id hashes of a user's
 * unused codes, one hash after another in one Argon2 slot as the sign-in does. {@code oneHash} is the
 * unit cost; a wrong code is compared with all ten, a right one on average with five and a half.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RecoveryCodeBenchmark {

	private final RecoveryCodes codes = new RecoveryCodes(new Argon2Slots(1, new SimpleMeterRegistry()),
			RecoveryCodes.argon2id(true));

	private List<String> plain;

	private List<String> hashes;

	@Setup
	public void issue() {
		this.plain = this.codes.generate();
		this.hashes = this.codes.hashAll(this.plain);
	}

	@Benchmark
	public boolean oneHash() {
		return this.codes.matches(this.plain.get(0), this.hashes.get(0));
	}

	@Benchmark
	public boolean wrongCodeAgainstTen() {
		return this.codes.firstMatch("0000-0000-0000-0000", this.hashes, hash -> hash).isPresent();
	}

}
