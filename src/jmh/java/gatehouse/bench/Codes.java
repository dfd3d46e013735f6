package gatehouse.bench;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.mfa.internal.Base32Secret;
import org.gatehouse.mfa.internal.TotpCodes;

/** TOTP codes for the driver's users, from the same wall clock as the service on this machine. */
final class Codes {

	private static final TotpCodes TOTP = new TotpCodes();

	private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

	private Codes() {
	}

	static long step() {
		return TotpCodes.stepAt(Instant.now());
	}

	static String at(String secret, long step) {
		return TOTP.codeAt(Base32Secret.decode(secret), step);
	}

	/** Every secret counts as used up to {@code step} (codes spent by an earlier run of the driver). */
	static void usedUpTo(Iterable<String> secrets, long step) {
		secrets.forEach(secret -> LAST_STEP.merge(secret, step, Math::max));
	}

	/** The code of the current step if this secret has not used it yet, remembered as used; otherwise null. */
	static String claim(String secret) {
		long step = step();
		Long before = LAST_STEP.get(secret);
		if (before != null && before >= step) {
			return null;
		}
		boolean mine = (before == null) ? LAST_STEP.putIfAbsent(secret, step) == null
				: LAST_STEP.replace(secret, before, step);
		return mine ? at(secret, step) : null;
	}

	/** The code of the current step, remembered as used. */
	static String current(String secret) {
		long step = step();
		LAST_STEP.put(secret, step);
		return at(secret, step);
	}

	/** A code of a step this secret has not used yet, waiting for the next step if need be. */
	static String unused(String secret) {
		while (LAST_STEP.getOrDefault(secret, Long.MIN_VALUE) >= step()) {
			BenchSeed.sleep(200);
		}
		return current(secret);
	}

}
