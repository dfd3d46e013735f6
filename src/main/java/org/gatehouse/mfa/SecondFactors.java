package org.gatehouse.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.mfa.internal.AuthenticatorRepository;
import org.gatehouse.mfa.internal.FailureBudget;
import org.gatehouse.mfa.internal.RecoveryCodeRepository;
import org.gatehouse.mfa.internal.RecoveryCodes;
import org.gatehouse.mfa.internal.SecretBox;
import org.gatehouse.mfa.internal.SecretBoxException;
import org.gatehouse.mfa.internal.StoredAuthenticator;
import org.gatehouse.mfa.internal.TotpCodes;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.UserId;
import org.gatehouse.user.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a second-factor code: a TOTP code from any of the user's devices, or a recovery code.
 * Every attempt runs under the account's failure budget, which is locked for the attempt, and
 * a failure is committed even though the attempt is refused.
 */
@Service
public class SecondFactors {

	private static final Logger log = LoggerFactory.getLogger(SecondFactors.class);

	private final AuthenticatorRepository authenticators;
	private final RecoveryCodeRepository recoveryCodes;
	private final FailureBudget budget;
	private final SecretBox box;
	private final TotpCodes totp;
	private final RecoveryCodes codes;
	private final Users users;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate tx;
	private final MeterRegistry meters;
	private final Clock clock;

	SecondFactors(AuthenticatorRepository authenticators, RecoveryCodeRepository recoveryCodes, FailureBudget budget,
			SecretBox box, TotpCodes totp, RecoveryCodes codes, Users users, AuditLog audit,
			ApplicationEventPublisher events, PlatformTransactionManager transactions, MeterRegistry meters,
			Clock clock) {
		this.authenticators = authenticators;
		this.recoveryCodes = recoveryCodes;
		this.budget = budget;
		this.box = box;
		this.totp = totp;
		this.codes = codes;
		this.users = users;
		this.audit = audit;
		this.events = events;
		this.tx = new TransactionTemplate(transactions);
		this.meters = meters;
		this.clock = clock;
	}

	/** Checks a code; recovery codes only where {@code allowRecoveryCode}. */
	public Verdict verify(OrganizationId org, UserId user, String code, boolean allowRecoveryCode) {
		Verdict verdict = tx.execute(status -> attempt(org, user, now -> {
			if (matchesTotp(org.value(), user.value(), code, now)) {
				return Match.TOTP;
			}
			return allowRecoveryCode && matchesRecoveryCode(org, user, code, now) ? Match.RECOVERY_CODE : Match.NONE;
		}));
		meters.counter("gatehouse.second_factor", "outcome", verdict.outcome().name().toLowerCase()).increment();
		return verdict;
	}

	enum Match { NONE, TOTP, RECOVERY_CODE }

	interface Check {

		Match at(Instant now);

	}

	/**
	 * One attempt under the failure budget: refused unevaluated while suspended or waiting,
	 * otherwise evaluated, and a failure recorded. Must run inside a transaction.
	 */
	Verdict attempt(OrganizationId org, UserId user, Check check) {
		Instant now = clock.instant();
		FailureBudget.State state = budget.lock(org.value(), user.value());
		if (state.suspendedAt() != null) {
			return Verdict.of(Verdict.Outcome.SUSPENDED, null);
		}
		if (state.waiting(now)) {
			return Verdict.of(Verdict.Outcome.WAITING, Duration.between(now, state.waitUntil()));
		}
		Match match = check.at(now);
		if (match != Match.NONE) {
			if (state.failures() > 0) {
				budget.succeed(org.value(), user.value());
			}
			return Verdict.accepted(match == Match.RECOVERY_CODE);
		}
		FailureBudget.State after = budget.fail(org.value(), user.value(), state, now);
		if (after.failures() >= FailureBudget.SUSPEND_AT) {
			authenticators.suspendAll(org.value(), user.value());
			users.endSessions(org, user);
			audit.record(new AuditEntry(org, AuditEntry.ActorType.SYSTEM, null, AuditAction.MFA_SUSPENDED, user.value(),
					AuditEntry.Outcome.SUCCESS, Map.of("failures", Integer.toString(after.failures()))));
			events.publishEvent(new MfaEvents.SecondFactorSuspended(org, user, after.failures(), now));
			return Verdict.of(Verdict.Outcome.SUSPENDED, null);
		}
		if (after.waitUntil() != null) {
			audit.record(new AuditEntry(org, AuditEntry.ActorType.SYSTEM, null, AuditAction.MFA_LOCKED, user.value(),
					AuditEntry.Outcome.SUCCESS, Map.of("failures", Integer.toString(after.failures()),
							"wait", Duration.between(now, after.waitUntil()).toString())));
			return Verdict.of(Verdict.Outcome.LOCKED, Duration.between(now, after.waitUntil()));
		}
		return Verdict.of(Verdict.Outcome.REJECTED, null);
	}

	private boolean matchesTotp(UUID org, UUID user, String code, Instant now) {
		for (StoredAuthenticator device : authenticators.enrolled(org, user)) {
			if (device.status() != StoredAuthenticator.Status.ACTIVE) {
				continue;
			}
			OptionalLong step = matchingStep(device, code, now);
			if (step.isPresent() && authenticators.claimStep(org, device.id(), step.getAsLong(), now)) {
				return true;
			}
		}
		return false;
	}

	/** The step a code matches for this device's secret, decrypted only for the comparison. */
	OptionalLong matchingStep(StoredAuthenticator device, String code, Instant now) {
		byte[] secret = null;
		try {
			secret = box.open(device.secret(), device.associatedData());
			return totp.matchingStep(secret, code, now);
		}
		catch (SecretBoxException ex) {
			log.error("authenticator {} has a secret that does not open under its associated data", device.id());
			return OptionalLong.empty();
		}
		finally {
			if (secret != null) {
				Arrays.fill(secret, (byte) 0);
			}
		}
	}

	private boolean matchesRecoveryCode(OrganizationId org, UserId user, String code, Instant now) {
		String typed = RecoveryCodes.normalize(code);
		if (typed.length() != RecoveryCodes.LENGTH) {
			return false;
		}
		RecoveryCodeRepository.Unused used = codes
			.firstMatch(typed, recoveryCodes.unused(org.value(), user.value()), RecoveryCodeRepository.Unused::hash)
			.orElse(null);
		if (used == null || !recoveryCodes.claim(org.value(), used.id(), now)) {
			return false;
		}
		users.lockForMfaChange(org, user); // counted under the lock a removal or reset racing this sign-in takes
		int left = recoveryCodes.countUnused(org.value(), user.value());
		users.recordMfaState(org, user, authenticators.enrolled(org.value(), user.value()).size(), left);
		audit.record(new AuditEntry(org, AuditEntry.ActorType.USER, user.value(), AuditAction.MFA_RECOVERY_CODE_USED,
				user.value(), AuditEntry.Outcome.SUCCESS, Map.of("left", Integer.toString(left))));
		events.publishEvent(new MfaEvents.RecoveryCodeUsed(org, user, left, now));
		return true;
	}

}
