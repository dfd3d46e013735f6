package org.gatehouse.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.links.OneTimeTokens;
import org.gatehouse.mfa.internal.AuthenticatorRepository;
import org.gatehouse.mfa.internal.Base32Secret;
import org.gatehouse.mfa.internal.KeyUri;
import org.gatehouse.mfa.internal.QrCodes;
import org.gatehouse.mfa.internal.RecoveryCodeRepository;
import org.gatehouse.mfa.internal.RecoveryCodes;
import org.gatehouse.mfa.internal.SecretBox;
import org.gatehouse.mfa.internal.StoredAuthenticator;
import org.gatehouse.organization.Organizations;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Text;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.FaultInjection;
import org.gatehouse.system.GatehouseSettings;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Binding an authenticator: a pending secret lives 10 minutes and becomes an authenticator only
 * after a correct code for it. The first device, and a replacement of all devices ("reset my MFA
 * token"), hand out a new set of recovery codes. A replacement removes the old devices in the
 * transaction that confirms the new one, so they stay valid until then.
 */
@Service
public class Enrollment {

	public static final int MAX_AUTHENTICATORS = 5;
	static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);
	static final String REPORT_NOT_ME = "report-device";
	static final Duration REPORT_LIFETIME = Duration.ofDays(7);

	private final AuthenticatorRepository authenticators;
	private final RecoveryCodeRepository recoveryCodes;
	private final SecretBox box;
	private final RecoveryCodes codes;
	private final SecondFactors secondFactors;
	private final Users users;
	private final Organizations organizations;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate tx;
	private final OneTimeTokens tokens;
	private final GatehouseSettings settings;
	private final FaultInjection faults;
	private final Clock clock;

	Enrollment(AuthenticatorRepository authenticators, RecoveryCodeRepository recoveryCodes, SecretBox box,
			RecoveryCodes codes, SecondFactors secondFactors, Users users, Organizations organizations,
			AuditLog audit, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			OneTimeTokens tokens, GatehouseSettings settings, FaultInjection faults, Clock clock) {
		this.authenticators = authenticators;
		this.recoveryCodes = recoveryCodes;
		this.box = box;
		this.codes = codes;
		this.secondFactors = secondFactors;
		this.users = users;
		this.organizations = organizations;
		this.audit = audit;
		this.events = events;
		this.tx = new TransactionTemplate(transactions);
		this.tokens = tokens;
		this.settings = settings;
		this.faults = faults;
		this.clock = clock;
	}

	/** Starts binding a device; {@code replace} makes it replace every current device once confirmed. */
	@Transactional
	public EnrollmentStarted start(OrganizationId org, UserId user, String label, boolean replace) {
		Account account = users.find(org, user).orElseThrow(ProblemException::notFound);
		int enrolled = authenticators.enrolled(org.value(), user.value()).size();
		if (!replace && enrolled >= MAX_AUTHENTICATORS) {
			throw new ProblemException(Problem.CONFLICT,
					"You have " + MAX_AUTHENTICATORS + " authenticators, the most allowed. Remove one first.");
		}
		Instant now = clock.instant();
		byte[] secret = Base32Secret.generate();
		try {
			UUID id = UUID.randomUUID();
			SecretBox.Sealed sealed = box.seal(secret, SecretBox.associatedData(org.value(), user.value(), id));
			authenticators.deletePending(org.value(), user.value());
			authenticators.insertPending(new StoredAuthenticator(org.value(), id, user.value(),
					label == null || label.isBlank() ? null : validLabel(label),
					StoredAuthenticator.Status.PENDING, sealed, replace, now, now.plus(PENDING_LIFETIME), null, null));
			String issuer = organizations.find(org).map(o -> o.name()).orElse("Gatehouse");
			KeyUri uri = KeyUri.totp(issuer, account.email(), secret);
			String base32 = Base32Secret.encode(secret);
			return new EnrollmentStarted(id, base32, Base32Secret.grouped(base32), uri.uri(), QrCodes.dataUri(uri.uri()));
		}
		finally {
			Arrays.fill(secret, (byte) 0);
		}
	}

	/**
	 * Confirms the pending device with a code from it; a wrong code counts as a failure. A first
	 * device, or one that replaces the others, comes with a new set of recovery codes, hashed before
	 * the transaction: a hash may wait for its turn behind a queue of sign-ins, and must not hold a
	 * database connection meanwhile. Should the user's devices change in between, the transaction
	 * hashes a set itself, or drops this one.
	 */
	public EnrollmentResult confirm(OrganizationId org, UserId user, String code, String label) {
		validLabel(label);
		RecoveryCodes.Fresh prepared = comesWithRecoveryCodes(org, user) ? codes.fresh() : null;
		return tx.execute(status -> {
			StoredAuthenticator pending = authenticators.pending(org.value(), user.value(), clock.instant())
				.orElseThrow(() -> new ProblemException(Problem.GONE,
						"No enrollment is waiting for a code (they last 10 minutes). Start again."));
			String cleanLabel = validLabel(label == null || label.isBlank() ? pending.label() : label);
			if (authenticators.labelTaken(org.value(), user.value(), cleanLabel) && !pending.replacesExisting()) {
				throw new ProblemException(Problem.CONFLICT, "You already have an authenticator with this label.");
			}
			long[] step = new long[1];
			Verdict verdict = secondFactors.attempt(org, user, now -> {
				OptionalLong match = secondFactors.matchingStep(pending, code, now);
				match.ifPresent(s -> step[0] = s);
				return match.isPresent() ? SecondFactors.Match.TOTP : SecondFactors.Match.NONE;
			});
			if (!verdict.accepted()) {
				return new EnrollmentResult(verdict, null, List.of());
			}
			return bind(org, user, pending, cleanLabel, step[0], prepared);
		});
	}

	private boolean comesWithRecoveryCodes(OrganizationId org, UserId user) {
		return authenticators.pending(org.value(), user.value(), clock.instant())
			.map(pending -> pending.replacesExisting() || authenticators.enrolled(org.value(), user.value()).isEmpty())
			.orElse(false);
	}

	private EnrollmentResult bind(OrganizationId org, UserId user, StoredAuthenticator pending, String label,
			long step, RecoveryCodes.Fresh prepared) {
		Instant now = clock.instant();
		// after the failure budget's lock, in the order of every sign-in
		users.lockForMfaChange(org, user);
		boolean first = authenticators.enrolled(org.value(), user.value()).isEmpty();
		if (pending.replacesExisting()) {
			authenticators.deleteAllExcept(org.value(), user.value(), pending.id());
		}
		authenticators.confirm(org.value(), pending.id(), label, step, now);
		faults.point("mfa.enrollment.after-confirm");
		List<String> issued = first || pending.replacesExisting()
				? issueRecoveryCodes(org, user, now, prepared != null ? prepared : codes.fresh()) : List.of();
		int enrolled = authenticators.enrolled(org.value(), user.value()).size();
		users.recordMfaState(org, user, enrolled, recoveryCodes.countUnused(org.value(), user.value()));
		audit.record(new AuditEntry(org, AuditEntry.ActorType.USER, user.value(), AuditAction.MFA_AUTHENTICATOR_ADDED,
				user.value(), AuditEntry.Outcome.SUCCESS, Map.of("label", label, "authenticator", pending.id().toString(),
						"replacedOthers", Boolean.toString(pending.replacesExisting()))));
		String report = tokens.issue(org, REPORT_NOT_ME, pending.id(), REPORT_LIFETIME);
		faults.point("mfa.enrollment.before-commit");
		events.publishEvent(new MfaEvents.AuthenticatorAdded(org, user, label, now, pending.replacesExisting(),
				settings.link("/report-device", report)));
		return new EnrollmentResult(Verdict.accepted(false), pending.id(), issued);
	}

	/**
	 * "This was not me": the owner of the mailbox reports a new device. It is suspended, every
	 * session and token of the user ends, and the administrators are alerted.
	 */
	@Transactional
	public void reportNotMe(String token) {
		OneTimeTokens.Redeemed redeemed = tokens.redeem(token, REPORT_NOT_ME);
		OrganizationId org = redeemed.organizationId();
		StoredAuthenticator device = authenticators.findAny(org.value(), redeemed.subjectId())
			.orElseThrow(() -> new ProblemException(Problem.GONE, "This device is no longer bound to the account."));
		UserId user = new UserId(device.userId());
		authenticators.suspend(org.value(), device.id());
		users.endSessions(org, user);
		audit.record(new AuditEntry(org, AuditEntry.ActorType.USER, user.value(), AuditAction.MFA_ENROLLMENT_REPORTED,
				user.value(), AuditEntry.Outcome.SUCCESS, Map.of("authenticator", device.id().toString(),
						"label", String.valueOf(device.label()))));
		events.publishEvent(new MfaEvents.EnrollmentReported(org, user, device.label(), clock.instant()));
	}

	/** Stores a new set of recovery codes, voiding the old one. Joins the caller's transaction. */
	List<String> issueRecoveryCodes(OrganizationId org, UserId user, Instant now, RecoveryCodes.Fresh fresh) {
		recoveryCodes.replaceAll(org.value(), user.value(), fresh.hashes(), now);
		audit.record(new AuditEntry(org, AuditEntry.ActorType.USER, user.value(), AuditAction.MFA_RECOVERY_CODES_GENERATED,
				user.value(), AuditEntry.Outcome.SUCCESS, Map.of("count", Integer.toString(fresh.codes().size()))));
		events.publishEvent(new MfaEvents.RecoveryCodesGenerated(org, user, now));
		return fresh.codes();
	}

	static String validLabel(String label) {
		return label == null || label.isBlank() ? "Authenticator" : Text.clean(label, 64, "The label");
	}

}
