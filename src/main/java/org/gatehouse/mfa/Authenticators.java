package org.gatehouse.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.mfa.internal.AuthenticatorRepository;
import org.gatehouse.mfa.internal.FailureBudget;
import org.gatehouse.mfa.internal.RecoveryCodeRepository;
import org.gatehouse.mfa.internal.RecoveryCodes;
import org.gatehouse.mfa.internal.StoredAuthenticator;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Text;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.FaultInjection;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** A person's devices and recovery codes: listing, removing, new codes, and the resets. */
@Service
public class Authenticators {

	private final AuthenticatorRepository authenticators;
	private final RecoveryCodeRepository recoveryCodes;
	private final FailureBudget budget;
	private final Enrollment enrollment;
	private final Users users;
	private final Roles roles;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final FaultInjection faults;
	private final RecoveryCodes codes;
	private final TransactionTemplate tx;
	private final Clock clock;

	Authenticators(AuthenticatorRepository authenticators, RecoveryCodeRepository recoveryCodes, FailureBudget budget,
			Enrollment enrollment, RecoveryCodes codes, Users users, Roles roles, AuditLog audit,
			ApplicationEventPublisher events, PlatformTransactionManager transactions, FaultInjection faults,
			Clock clock) {
		this.codes = codes;
		this.tx = new TransactionTemplate(transactions);
		this.authenticators = authenticators;
		this.recoveryCodes = recoveryCodes;
		this.budget = budget;
		this.enrollment = enrollment;
		this.users = users;
		this.roles = roles;
		this.audit = audit;
		this.events = events;
		this.faults = faults;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<AuthenticatorView> list(OrganizationId org, UserId user) {
		return authenticators.enrolled(org.value(), user.value()).stream()
			.map(a -> new AuthenticatorView(a.id(), a.label(), a.status().name(), a.createdAt(), a.lastUsedAt()))
			.toList();
	}

	@Transactional(readOnly = true)
	public int recoveryCodesLeft(OrganizationId org, UserId user) {
		return recoveryCodes.countUnused(org.value(), user.value());
	}

	/**
	 * Removes one of the actor's own devices; the last one only where the role does not require MFA.
	 * The devices are counted under the lock of the user's row, so removals sent at once count one
	 * after the other and the last device stays. A recovery code passed within 10 minutes is enough:
	 * removing the lost device is part of replacing it.
	 */
	@Transactional
	public void remove(Actor actor, UUID id) {
		OrganizationId org = actor.organizationId();
		UserId user = actor.userId();
		Account account = users.lockForMfaChange(org, user);
		StoredAuthenticator device = authenticators.find(org.value(), user.value(), id)
			.filter(a -> a.status() != StoredAuthenticator.Status.PENDING)
			.orElseThrow(ProblemException::notFound);
		actor.requireRecentSecondFactor(clock.instant());
		List<StoredAuthenticator> enrolled = authenticators.enrolled(org.value(), user.value());
		boolean roleRequires = roles.find(org, account.roleId()).map(r -> r.requireMfa()).orElse(true);
		if (enrolled.size() == 1 && roleRequires) {
			audit.recordRefusal(new AuditEntry(org, AuditEntry.ActorType.USER, user.value(), AuditAction.MFA_AUTHENTICATOR_REMOVED,
					user.value(), AuditEntry.Outcome.SUCCESS, Map.of("label", device.label(), "authenticator",
							id.toString(), "refusal", "last-authenticator")));
			throw new ProblemException(Problem.CONFLICT, "Your role requires MFA, so your last authenticator stays. "
					+ "Add another device first, or use \"Reset my MFA token\" to replace it.");
		}
		authenticators.delete(org.value(), user.value(), id);
		if (enrolled.size() == 1) {
			recoveryCodes.deleteAll(org.value(), user.value());
		}
		recordState(org, user);
		Instant now = clock.instant();
		audit.record(new AuditEntry(org, AuditEntry.ActorType.USER, user.value(), AuditAction.MFA_AUTHENTICATOR_REMOVED,
				user.value(), AuditEntry.Outcome.SUCCESS, Map.of("label", device.label(), "authenticator", id.toString())));
		events.publishEvent(new MfaEvents.AuthenticatorRemoved(org, user, device.label(), now));
	}

	/**
	 * A new set of 10 recovery codes, shown once; the old set stops working. The set is hashed before
	 * the transaction that stores it: a hash may wait for its turn behind a queue of sign-ins, and must
	 * not hold a database connection meanwhile. Like a device replacement, it is open to a sign-in with a
	 * recovery code, which has just used up one of the old set.
	 */
	public List<String> regenerateRecoveryCodes(Actor actor) {
		actor.requireRecentSecondFactor(clock.instant());
		requireAnAuthenticator(actor);
		RecoveryCodes.Fresh fresh = codes.fresh();
		return tx.execute(status -> {
			users.lockForMfaChange(actor.organizationId(), actor.userId());
			requireAnAuthenticator(actor);
			List<String> issued = enrollment.issueRecoveryCodes(actor.organizationId(), actor.userId(), clock.instant(),
					fresh);
			recordState(actor.organizationId(), actor.userId());
			return issued;
		});
	}

	private void requireAnAuthenticator(Actor actor) {
		if (authenticators.enrolled(actor.organizationId().value(), actor.userId().value()).isEmpty()) {
			throw new ProblemException(Problem.CONFLICT, "Recovery codes come with an authenticator: add one first.");
		}
	}

	/**
	 * S1: an administrator disables MFA on another user's profile. Every authenticator and
	 * recovery code goes in one transaction, and every session and token of the user ends.
	 */
	@Transactional
	public void disableByAdministrator(Actor actor, UserId target, String reason) {
		String clean = Text.clean(reason, 500, "The reason");
		users.manageable(actor, target, AuditAction.MFA_RESET);
		actor.requireRecentStrongFactor(clock.instant());
		reset(actor.organizationId(), target, MfaEvents.By.ADMINISTRATOR, actor.userId().value(),
				AuditEntry.ActorType.USER, clean, Map.of());
	}

	/**
	 * Removes every authenticator and recovery code of the user and ends their sessions; for the
	 * administrator's path and support-assisted recovery. Running it again changes nothing more.
	 */
	@Transactional
	public boolean reset(OrganizationId org, UserId target, MfaEvents.By by, UUID actorId,
			AuditEntry.ActorType actorType, String reason, Map<String, String> extraDetails) {
		users.lockForMfaChange(org, target);
		int devices = authenticators.deleteAll(org.value(), target.value());
		faults.point("mfa.reset.after-delete");
		int codes = recoveryCodes.deleteAll(org.value(), target.value());
		budget.clear(org.value(), target.value());
		users.endSessions(org, target);
		users.recordMfaState(org, target, 0, 0);
		Map<String, String> details = new java.util.TreeMap<>(extraDetails);
		details.put("reason", reason);
		details.put("authenticatorsRemoved", Integer.toString(devices));
		details.put("recoveryCodesRemoved", Integer.toString(codes));
		details.put("by", by.name());
		audit.record(new AuditEntry(org, actorType, actorId, AuditAction.MFA_RESET, target.value(), AuditEntry.Outcome.SUCCESS,
				details));
		events.publishEvent(new MfaEvents.MfaReset(org, target, by, actorId == null ? null : new UserId(actorId),
				reason, clock.instant()));
		faults.point("mfa.reset.before-commit");
		return devices + codes > 0;
	}

	private void recordState(OrganizationId org, UserId user) {
		users.recordMfaState(org, user, authenticators.enrolled(org.value(), user.value()).size(),
				recoveryCodes.countUnused(org.value(), user.value()));
	}

}
