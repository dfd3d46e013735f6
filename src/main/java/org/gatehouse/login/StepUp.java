package org.gatehouse.login;

import java.time.Clock;
import java.time.Instant;

import org.gatehouse.mfa.Refusals;
import org.gatehouse.mfa.SecondFactors;
import org.gatehouse.mfa.Verdict;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.user.Account;
import org.gatehouse.user.Users;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Verifies the actor's strongest factor again for sensitive actions: a TOTP code when they have
 * an authenticator (under the same failure budget), the password otherwise.
 */
@Service
class StepUp {

	private final SecondFactors secondFactors;
	private final Users users;
	private final PasswordEncoder passwords;
	private final Clock clock;

	StepUp(SecondFactors secondFactors, Users users, PasswordEncoder passwords, Clock clock) {
		this.secondFactors = secondFactors;
		this.users = users;
		this.passwords = passwords;
		this.clock = clock;
	}

	/** When the strongest factor was verified: now, or a refusal. */
	Instant verify(Actor actor, String code, String password) {
		Account account = users.find(actor.organizationId(), actor.userId()).orElseThrow();
		if (account.authenticators() > 0) {
			if (code == null || code.isBlank()) {
				throw ProblemException.invalid("Enter a code from your authenticator.");
			}
			Verdict verdict = secondFactors.verify(actor.organizationId(), actor.userId(), code, false);
			if (!verdict.accepted()) {
				throw Refusals.of(verdict);
			}
			return clock.instant();
		}
		String hash = users.credentials(actor.organizationId(), account.email()).orElseThrow().passwordHash();
		if (password == null || password.length() > 1000 || !passwords.matches(password, hash)) {
			throw new ProblemException(Problem.SIGN_IN_FAILED, "The password is not correct.");
		}
		return clock.instant();
	}

}
