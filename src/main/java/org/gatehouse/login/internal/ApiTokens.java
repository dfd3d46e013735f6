package org.gatehouse.login.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.links.ExpiringRows;
import org.gatehouse.login.SignInPolicy;
import org.gatehouse.login.SignedIn;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Tokens;
import org.gatehouse.shared.UserId;
import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens, stored as SHA-256 only. A LOGIN token is a half-finished sign-in (it
 * reaches its challenge or enrollment and nothing else); an ACCESS token is a finished one. Like a
 * console session, a token ends after {@link SignInPolicy#IDLE_TIMEOUT} unused and
 * {@link SignInPolicy#ABSOLUTE_LIFETIME} after the sign-in. Its last use is kept in its row, so every
 * node sees it, and written at most once a {@link #USE_RESOLUTION}: a busy client costs no write per
 * request, and the idle timeout may end up to that much early.
 */
@Component
public class ApiTokens implements ExpiringRows {

	static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

	static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

	public enum Kind { LOGIN, ACCESS }

	public record Issued(String token, String hash) {

		@Override
		public String toString() {
			return "Issued[" + hash.substring(0, 8) + "]";
		}

	}

	public record Found(SignedIn signedIn, Kind kind, String hash, Instant lastUsedAt) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	ApiTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A token for this sign-in, under the security epoch it started with: if the user's sessions were
	 * ended meanwhile, the token is refused at its first use.
	 */
	public Issued issue(SignedIn signedIn, Kind kind) {
		String token = Tokens.newToken();
		String hash = Tokens.sha256(token);
		Instant now = clock.instant();
		Duration lifetime = kind == Kind.LOGIN ? LOGIN_LIFETIME : SignInPolicy.ABSOLUTE_LIFETIME;
		jdbc.sql("""
				INSERT INTO api_token (organization_id, token_hash, user_id, stage, security_epoch, created_at, expires_at,
				factor_verified_at, strong_factor_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(signedIn.organizationId(), hash, signedIn.userId(), kind.name(), signedIn.securityEpoch(),
					Times.db(signedIn.passwordAt()), Times.db(now.plus(lifetime)), Times.db(signedIn.secondFactorAt()),
					Times.db(signedIn.strongFactorAt()), Times.db(now))
			.update();
		return new Issued(token, hash);
	}

	/**
	 * Finishes a half-finished sign-in: its login token becomes the access token, in one statement, so
	 * a login token finishes one sign-in only. Empty when the login token was used, revoked or expired
	 * meanwhile. The row keeps when the password was verified and the security epoch it started with.
	 */
	public Optional<Issued> exchange(String loginHash, SignedIn signedIn) {
		String token = Tokens.newToken();
		String hash = Tokens.sha256(token);
		Instant now = clock.instant();
		int exchanged = jdbc.sql("""
				UPDATE api_token SET token_hash = ?, stage = ?, expires_at = ?, factor_verified_at = ?, strong_factor_at = ?,
				last_used_at = ?
				WHERE token_hash = ? AND stage = ? AND revoked_at IS NULL AND expires_at > ?""")
			.params(hash, Kind.ACCESS.name(), Times.db(now.plus(SignInPolicy.ABSOLUTE_LIFETIME)),
					Times.db(signedIn.secondFactorAt()), Times.db(signedIn.strongFactorAt()), Times.db(now), loginHash,
					Kind.LOGIN.name(), Times.db(now))
			.update();
		return exchanged == 1 ? Optional.of(new Issued(token, hash)) : Optional.empty();
	}

	public Optional<Found> find(String token, Kind kind) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return jdbc.sql("""
				SELECT * FROM api_token WHERE token_hash = ? AND stage = ? AND revoked_at IS NULL AND expires_at > ?
				AND last_used_at > ?""")
			.params(Tokens.sha256(token), kind.name(), Times.db(now), Times.db(now.minus(SignInPolicy.IDLE_TIMEOUT)))
			.query(ApiTokens::map).optional();
	}

	/** Records a use of a token that was let in, unless one was recorded within the last {@link #USE_RESOLUTION}. */
	void used(Found found) {
		Instant now = clock.instant();
		Instant recent = now.minus(USE_RESOLUTION);
		if (found.lastUsedAt().isBefore(recent)) {
			jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE token_hash = ? AND last_used_at < ?")
				.params(Times.db(now), found.hash(), Times.db(recent)).update();
		}
	}

	/** Records the factors of this token's sign-in after a step-up or a newly confirmed device. */
	public void markFactors(String hash, SignedIn signedIn) {
		jdbc.sql("UPDATE api_token SET factor_verified_at = ?, strong_factor_at = ? WHERE token_hash = ?")
			.params(Times.db(signedIn.secondFactorAt()), Times.db(signedIn.strongFactorAt()), hash)
			.update();
	}

	/** Revokes a token; true only for the caller that revoked it (single use of login tokens). */
	public boolean revoke(String hash) {
		return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
			.params(Times.db(clock.instant()), hash).update() == 1;
	}

	void revokeAll(OrganizationId org, UserId user) {
		jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE organization_id = ? AND user_id = ? AND revoked_at IS NULL")
			.params(Times.db(clock.instant()), org.value(), user.value()).update();
	}

	/**
	 * A token past its expiry is refused whether its row is there or not ({@link #find}), so the
	 * expired rows are deleted: each sign-in through the API writes two (the login and access tokens).
	 */
	@Override
	public String table() {
		return "api_token";
	}

	@Override
	public String name() {
		return "API tokens";
	}

	private static Found map(ResultSet rs, int n) throws SQLException {
		Instant created = Times.instant(rs, "created_at");
		SignedIn signedIn = new SignedIn(rs.getObject("organization_id", UUID.class), rs.getObject("user_id", UUID.class),
				rs.getInt("security_epoch"), created, created, Times.instant(rs, "factor_verified_at"),
				Times.instant(rs, "strong_factor_at"));
		return new Found(signedIn, Kind.valueOf(rs.getString("stage")), rs.getString("token_hash"),
				Times.instant(rs, "last_used_at"));
	}

}
