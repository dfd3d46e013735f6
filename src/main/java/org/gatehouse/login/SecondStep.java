package org.gatehouse.login;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

import org.gatehouse.mfa.Refusals;
import org.gatehouse.mfa.Enrollment;
import org.gatehouse.mfa.EnrollmentResult;
import org.gatehouse.mfa.EnrollmentStarted;
import org.gatehouse.mfa.SecondFactors;
import org.gatehouse.mfa.Verdict;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second step of a sign-in, shared by the console and the API: answer the challenge, or
 * enroll a first device. The half-finished sign-in must be at the matching stage.
 */
@Service
class SecondStep {

	private final SignInPolicy policy;
	private final SecondFactors secondFactors;
	private final Enrollment enrollment;
	private final Clock clock;

	SecondStep(SignInPolicy policy, SecondFactors secondFactors, Enrollment enrollment, Clock clock) {
		this.policy = policy;
		this.secondFactors = secondFactors;
		this.enrollment = enrollment;
		this.clock = clock;
	}

	record Passed(SignedIn signedIn, boolean recoveryCodeUsed, EnrollmentResult enrollment) {
	}

	void at(SignedIn signedIn, Stage expected) {
		Stage stage = policy.pendingStage(signedIn)
			.orElseThrow(() -> new ProblemException(Problem.SIGN_IN_FAILED, "Sign in again."));
		if (stage != expected) {
			throw new ProblemException(Problem.CONFLICT, "This sign-in is not waiting for this step (it is at "
					+ stage + ").");
		}
	}

	/** Either passes, or throws the refusal; {@code onEnd} runs when the refusal ends the sign-in. */
	Passed challenge(SignedIn signedIn, String code, Runnable onEnd) {
		at(signedIn, Stage.MFA_CHALLENGE);
		Verdict verdict = secondFactors.verify(signedIn.organization(), signedIn.user(), code, true);
		if (!verdict.accepted()) {
			if (Refusals.endsSignIn(verdict)) {
				onEnd.run();
			}
			throw Refusals.of(verdict);
		}
		Instant now = clock.instant();
		SignedIn passed = verdict.recoveryCode() ? signedIn.withRecoveryCode(now) : signedIn.withStrongFactor(now);
		return new Passed(passed, verdict.recoveryCode(), null);
	}

	/**
	 * {@link #challenge}, then {@code finish}, what the caller makes of the passed challenge, in one
	 * transaction: the claimed time step and the sign-in it finishes commit together, and the database
	 * flushes its log once. A refusal commits too, so its failure stays on record.
	 */
	@Transactional(noRollbackFor = ProblemException.class)
	<T> T challenge(SignedIn signedIn, String code, Runnable onEnd, Function<Passed, T> finish) {
		return finish.apply(challenge(signedIn, code, onEnd));
	}

	EnrollmentStarted startEnrollment(SignedIn signedIn) {
		at(signedIn, Stage.MFA_ENROLLMENT);
		return enrollment.start(signedIn.organization(), signedIn.user(), null, false);
	}

	Passed confirmEnrollment(SignedIn signedIn, String code, String label, Runnable onEnd) {
		at(signedIn, Stage.MFA_ENROLLMENT);
		EnrollmentResult result = enrollment.confirm(signedIn.organization(), signedIn.user(), code, label);
		if (!result.verdict().accepted()) {
			if (Refusals.endsSignIn(result.verdict())) {
				onEnd.run();
			}
			throw Refusals.of(result.verdict());
		}
		return new Passed(signedIn.withStrongFactor(clock.instant()), false, result);
	}

}
