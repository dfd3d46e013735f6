package org.gatehouse.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Crash points for the crash-safety tests: when {@code gatehouse.fault-injection.crash-at} names a
 * point, the process halts there at once, as a {@code kill -9} would. Off unless that property is
 * set together with {@code gatehouse.fault-injection.enabled=true}; never set in production.
 */
@Component
public class FaultInjection {

	private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

	private final String crashAt;

	FaultInjection(@Value("${gatehouse.fault-injection.enabled:false}") boolean enabled,
			@Value("${gatehouse.fault-injection.crash-at:}") String crashAt) {
		this.crashAt = enabled && !crashAt.isBlank() ? crashAt.strip() : null;
		if (this.crashAt != null) {
			log.warn("FAULT INJECTION IS ON: the process halts at '{}'", this.crashAt);
		}
	}

	public void point(String name) {
		if (crashAt != null && crashAt.equals(name)) {
			log.warn("fault injection: halting at {}", name);
			Runtime.getRuntime().halt(137);
		}
	}

	/**
	 * A crash point right after the current transaction commits: the change is stored, the caller
	 * gets no answer. Registers nothing unless {@code name} is the crash point.
	 */
	public void pointAfterCommit(String name) {
		if (crashAt != null && crashAt.equals(name)) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					point(name);
				}

			});
		}
	}

}
