package org.gatehouse.login;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.gatehouse.login.internal.ClientThrottle;
import org.gatehouse.login.internal.KnownDevices;
import org.gatehouse.login.internal.PasswordThrottle;
import org.gatehouse.organization.Organization;
import org.gatehouse.organization.Organizations;
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
 * decoy when there is no real one. An attempt the throttle refuses is decided before the account
 * is looked up, so it too answers alike for every account.
 */
@Component
class PasswordSignIn {

	static final String FAILED = "The organization, email or password is not correct.";

	private final Organizations organizations;
	private final Users users;
	private final PasswordEncoder encoder;
	private final PasswordThrottle throttle;
	private final ClientThrottle clients;
	private final KnownDevices devices;
	private final MeterRegistry meters;
	private final String decoyHash;

	PasswordSignIn(Organizations organizations, Users users, PasswordEncoder encoder, PasswordThrottle throttle,
			ClientThrottle clients, KnownDevices devices, MeterRegistry meters) {
		this.organizations = organizations;
		this.users = users;
		this.encoder = encoder;
		this.throttle = throttle;
		this.clients = clients;
		this.devices = devices;
		this.meters = meters;
		this.decoyHash = encoder.encode(Tokens.newToken());
	}

	/** {@code device} is the browser's {@link KnownDevices} cookie, or null (API clients have none). */
	Account verify(String slug, String email, String password, String client, String device) {
		clients.check(client);
		PasswordThrottle.Keys keys = PasswordThrottle.Keys.of(slug, email, client);
		PasswordThrottle.State state = admit(keys, client, device);
		Optional<Organization> org = organizations.findBySlug(slug);
		Optional<Credentials> credentials = org.flatMap(o -> users.credentials(o.id(), email));
		String hash = credentials.map(Credentials::passwordHash).orElse(decoyHash);
		boolean matches = encoder.matches(password, hash == null ? decoyHash : hash);
		boolean allowed = matches && hash != null && credentials.map(c -> c.account().canSignIn()).orElse(false);
		if (!allowed) {
			throttle.failed(keys);
			clients.failed(client);
			meters.counter("gatehouse.sign_in.password", "outcome", "failed").increment();
			throw new ProblemException(Problem.SIGN_IN_FAILED, FAILED);
		}
		if (state.clientFailedBefore()) { // nothing to clear otherwise; a failure racing this attempt stays on record
			throttle.succeeded(keys);
		}
		meters.counter("gatehouse.sign_in.password", "outcome", "verified").increment();
		Account account = credentials.get().account();
		if (encoder.upgradeEncoding(hash)) {
			users.rehashPassword(account.organizationId(), account.id(), password);
		}
		return account;
	}

	/**
	 * Refuses, unevaluated, an attempt this client must wait for, or one past the account's ceiling from
	 * a browser that is not the owner's. A refusal counts toward the client's own limit, so a client that
	 * keeps knocking during its wait reaches that limit as fast as one that keeps failing.
	 */
	private PasswordThrottle.State admit(PasswordThrottle.Keys keys, String client, String device) {
		try {
			PasswordThrottle.State state = throttle.check(keys);
			if (state.accountWait() != null && !devices.exempts(device, keys.account())) {
				throw PasswordThrottle.refusal(state.accountWait());
			}
			return state;
		}
		catch (ProblemException refused) {
			clients.failed(client);
			meters.counter("gatehouse.sign_in.password", "outcome", "throttled").increment();
			throw refused;
		}
	}

}
