package gatehouse.bench;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.gatehouse.mfa.internal.Base32Secret;
import org.gatehouse.mfa.internal.SecretBox;
import org.gatehouse.mfa.internal.TotpCodes;
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
 * One TOTP verification as the sign-in does it: open the AES-256-GCM sealed secret with its
 * associated data, then compare the typed code with the codes of steps T-1, T and T+1. A right
 * and a wrong code cost the same: all three steps are always computed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class TotpVerificationBenchmark {

	private final TotpCodes totp = new TotpCodes();

	private SecretBox box;

	private SecretBox.Sealed sealed;

	private String associatedData;

	private Instant now;

	private String rightCode;

	private String wrongCode;

	@Setup
	public void seal() {
		byte[] key = new byte[SecretBox.KEY_BYTES];
		new SecureRandom().nextBytes(key);
		this.box = new SecretBox(Map.of("k1", key), "k1");
		this.associatedData = SecretBox.associatedData(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		byte[] secret = Base32Secret.generate();
		this.sealed = this.box.seal(secret, this.associatedData);
		this.now = Instant.now();
		this.rightCode = this.totp.codeAt(secret, TotpCodes.stepAt(this.now));
		String wrong = this.rightCode;
		for (int candidate = 0; wrong.equals(this.rightCode) || this.totp.matchingStep(secret, wrong, this.now).isPresent(); candidate++) {
			wrong = String.format("%06d", candidate);
		}
		this.wrongCode = wrong;
	}

	@Benchmark
	public OptionalLong rightCode() {
		return this.totp.matchingStep(this.box.open(this.sealed, this.associatedData), this.rightCode, this.now);
	}

	@Benchmark
	public OptionalLong wrongCode() {
		return this.totp.matchingStep(this.box.open(this.sealed, this.associatedData), this.wrongCode, this.now);
	}

}
