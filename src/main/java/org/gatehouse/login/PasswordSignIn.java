package org.gatehouse.login;

import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.gatehouse.organization.Organization;
import org.gatehouse.organization.Organizations;
import org.gatehouse.shared.Emails;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Tokens;
import org.gatehouse.user.Account;
import org.gatehouse.user.Credentials;
import org.gatehouse.user.Users;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The password step. Unknown organization, unknown user, wrong password and a user who may not
 * sign in all get the same refusal after the same work: the hash is always computed, against a
 * decoy when there is no real one.
 */
@Component
class PasswordSignIn {

	static final String FAILED = "The organization, email or password is not correct.";

	private final Organizations organizations;
	private final Users users;
	private final PasswordEncoder encoder;
	private final PasswordThrottle throttle;
	private final ClientThrottle clients;
	private final MeterRegistry meters;
	private final String decoyHash;

	PasswordSignIn(Organizations organizations, Users users, PasswordEncoder encoder, PasswordThrottle throttle,
			ClientThrottle clients, MeterRegistry meters) {
		this.organizations = organizations;
		this.users = users;
		this.encoder = encoder;
		this.throttle = throttle;
		this.clients = clients;
		this.meters = meters;
		this.decoyHash = encoder.encode(Tokens.newToken());
	}

	Account verify(String slug, String email, String password, String client) {
		clients.check(client);
		String key = Tokens.sha256(String.valueOf(slug).strip().toLowerCase(Locale.ROOT) + "\n" + Emails.normalize(email));
		boolean failedBefore = throttle.check(key);
		Optional<Organization> org = organizations.findBySlug(slug);
		Optional<Credentials> credentials = org.flatMap(o -> users.credentials(o.id(), email));
		String hash = credentials.map(Credentials::passwordHash).orElse(decoyHash);
		boolean matches = encoder.matches(password, hash == null ? decoyHash : hash);
		boolean allowed = matches && hash != null && credentials.map(c -> c.account().canSignIn()).orElse(false);
		if (!allowed) {
			throttle.failed(key);
			clients.failed(client);
			meters.counter("gatehouse.sign_in.password", "outcome", "failed").increment();
			throw new ProblemException(Problem.SIGN_IN_FAILED, FAILED);
		}
		if (failedBefore) { // nothing to clear otherwise; a failure racing this attempt stays on record
			throttle.succeeded(key);
		}
		meters.counter("gatehouse.sign_in.password", "outcome", "verified").increment();
		Account account = credentials.get().account();
		if (encoder.upgradeEncoding(hash)) {
			users.rehashPassword(account.organizationId(), account.id(), password);
		}
		return account;
	}

}
