package org.gatehouse.login;

import java.time.Clock;
import java.time.Instant;

import org.gatehouse.user.Account;
import org.springframework.stereotype.Service;

/** The steps of a sign-in that the console and the API share. */
@Service
class SignInFlow {

	private final PasswordSignIn passwords;
	private final SignInPolicy policy;
	private final Clock clock;

	SignInFlow(PasswordSignIn passwords, SignInPolicy policy, Clock clock) {
		this.passwords = passwords;
		this.policy = policy;
		this.clock = clock;
	}

	record Started(Account account, SignedIn signedIn, Stage stage) {
	}

	/** {@code device} is the browser's known-device cookie, or null. */
	Started password(String organization, String email, String password, String client, String device) {
		Account account = passwords.verify(organization, email, password, client, device);
		Instant now = clock.instant();
		SignedIn signedIn = new SignedIn(account.organizationId().value(), account.id().value(),
				account.securityEpoch(), now, now, null, null);
		return new Started(account, signedIn, policy.stage(account, signedIn));
	}

}
