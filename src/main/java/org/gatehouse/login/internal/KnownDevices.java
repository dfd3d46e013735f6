package org.gatehouse.login.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.links.ExpiringRows;
import org.gatehouse.login.SignedIn;
import org.gatehouse.organization.Organizations;
import org.gatehouse.shared.Tokens;
import org.gatehouse.system.Times;
import org.gatehouse.user.Users;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Browsers that finished a sign-in (password and every factor owed) in the console: they get an
 * opaque random cookie, stored as SHA-256 only and bound to the organization, the user and the
 * (organization slug, email) they signed in with. A browser presenting it for that account passes
 * the account-wide ceiling of {@link PasswordThrottle}, so a guesser spread over many addresses slows
 * everyone down but the owner at their usual browser (OWASP's device cookies). The cookie is no
 * authenticator: it spares no password and no second factor, and its own client's slow-down still
 * applies. Each complete sign-in replaces it; it lasts 90 days.
 */
@Component
public class KnownDevices implements ExpiringRows {

	public static final String COOKIE = "GATEHOUSE_DEVICE";
	static final Duration LIFETIME = Duration.ofDays(90);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Organizations organizations;
	private final Users users;
	private final boolean alwaysSecure;

	KnownDevices(JdbcClient jdbc, Clock clock, Organizations organizations, Users users,
			@Value("${gatehouse.secure-cookies:false}") boolean alwaysSecure) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.organizations = organizations;
		this.users = users;
		this.alwaysSecure = alwaysSecure;
	}

	/** The device cookie the request carries, or null. */
	public static String presented(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName())) {
					return cookie.getValue();
				}
			}
		}
		return null;
	}

	/** Whether this device finished a sign-in to the account typed (its {@link PasswordThrottle.Keys#account}). */
	public boolean exempts(String device, String accountKey) {
		if (device == null || device.isBlank() || device.length() > 100) {
			return false;
		}
		return jdbc.sql("SELECT COUNT(*) FROM known_device WHERE token_hash = ? AND account_key = ? AND expires_at > ?")
			.params(Tokens.sha256(device), accountKey, Times.db(clock.instant()))
			.query(Long.class)
			.single() > 0;
	}

	/** Marks the browser as the account's, after a complete sign-in; the cookie it had is replaced. */
	public void remember(HttpServletRequest request, HttpServletResponse response, SignedIn signedIn) {
		var account = users.find(signedIn.organization(), signedIn.user()).orElse(null);
		var organization = organizations.find(signedIn.organization()).orElse(null);
		if (account == null || organization == null) {
			return;
		}
		String old = presented(request);
		if (old != null && old.length() <= 100) {
			jdbc.sql("DELETE FROM known_device WHERE token_hash = ?").param(Tokens.sha256(old)).update();
		}
		String device = Tokens.newToken();
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO known_device (organization_id, token_hash, user_id, account_key, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(signedIn.organizationId(), Tokens.sha256(device), signedIn.userId(),
					PasswordThrottle.Keys.account(organization.slug(), account.email()), Times.db(now),
					Times.db(now.plus(LIFETIME)))
			.update();
		response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, device)
			.path(ClientTarpit.CONSOLE_PATH)
			.httpOnly(true)
			.secure(SessionCookie.secure(alwaysSecure, request))
			.sameSite("Lax")
			.maxAge(LIFETIME)
			.build()
			.toString());
	}

	@Override
	public String table() {
		return "known_device";
	}

	@Override
	public String name() {
		return "known devices";
	}

}
