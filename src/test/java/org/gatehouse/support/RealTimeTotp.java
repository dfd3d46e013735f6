package org.gatehouse.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gatehouse.mfa.internal.Base32Secret;
import org.gatehouse.mfa.internal.TotpCodes;

/**
 * TOTP codes at real time, for node processes, which use the system clock. The server accepts the
 * steps T-1, T and T+1 and each step of a device once, so this remembers the last step it handed
 * out (or that was used) per secret and gives the next one: T+1 right away, a later step only once
 * real time gets there (it waits).
 */
public final class RealTimeTotp {

	private static final TotpCodes TOTP = new TotpCodes();

	private final Map<String, Long> lastStep = new ConcurrentHashMap<>();

	/** Records that a code of the current step (or an earlier one) of this secret was used. */
	public void used(String secret) {
		lastStep.merge(secret, currentStep(), Math::max);
	}

	/** A code of this secret the server accepts now and that no earlier use claimed. */
	public synchronized String fresh(String secret) {
		long step = Math.max(currentStep(), lastStep.getOrDefault(secret, Long.MIN_VALUE) + 1);
		while (step > currentStep() + 1) {
			GatehouseNode.pause(Duration.ofMillis(200));
		}
		lastStep.put(secret, step);
		return TOTP.codeAt(Base32Secret.decode(secret), step);
	}

	/** A well-formed code that matches none of the steps the server accepts in the next minute. */
	public String wrong(String secret) {
		long now = currentStep();
		for (int candidate = 0;; candidate += 111_111) {
			String code = String.format("%06d", candidate % 1_000_000);
			boolean matches = false;
			for (long step = now - 1; step <= now + 3; step++) {
				matches |= TOTP.codeAt(Base32Secret.decode(secret), step).equals(code);
			}
			if (!matches) {
				return code;
			}
		}
	}

	private static long currentStep() {
		return TotpCodes.stepAt(Instant.now());
	}

}
