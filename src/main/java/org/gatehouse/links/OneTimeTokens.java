package org.gatehouse.links;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.gatehouse.shared.OrganizationId;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Tokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Single-use links bound to a purpose and an organization. Only the token's SHA-256 is stored;
 * redeeming marks it used with a compare-and-set, so a link works once even under a race.
 */
@Service
public class OneTimeTokens implements ExpiringRows {

	private final JdbcClient jdbc;
	private final Clock clock;

	OneTimeTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A redeemed token: what it was issued for. */
	public record Redeemed(OrganizationId organizationId, UUID subjectId) {
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public String issue(OrganizationId organizationId, String purpose, UUID subjectId, Duration lifetime) {
		String token = Tokens.newToken();
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO one_time_token (organization_id, token_hash, purpose, subject_id, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(organizationId.value(), Tokens.sha256(token), purpose, subjectId, at(now), at(now.plus(lifetime)))
			.update();
		return token;
	}

	/** Voids every unused token of this purpose for the subject (a new invitation replaces the old one). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void revokeAll(OrganizationId organizationId, String purpose, UUID subjectId) {
		jdbc.sql("""
				UPDATE one_time_token SET used_at = ? WHERE organization_id = ? AND purpose = ? AND subject_id = ?
				AND used_at IS NULL""")
			.params(at(clock.instant()), organizationId.value(), purpose, subjectId)
			.update();
	}

	/**
	 * Redeems a token for the purpose, or answers 410 when it is unknown, of another purpose,
	 * expired or already used.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Redeemed redeem(String token, String purpose) {
		String hash = hashOf(token);
		Instant now = clock.instant();
		Redeemed live = live(hash, purpose, now);
		int claimed = jdbc.sql("UPDATE one_time_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
			.params(at(now), hash)
			.update();
		if (claimed != 1) {
			throw gone();
		}
		return live;
	}

	/**
	 * What a token would redeem, without redeeming it: answers 410 as {@link #redeem} would. For a
	 * check before work that should not run inside the redeeming transaction; {@link #redeem} still
	 * decides.
	 */
	public Redeemed peek(String token, String purpose) {
		return live(hashOf(token), purpose, clock.instant());
	}

	private static String hashOf(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			throw gone();
		}
		return Tokens.sha256(token);
	}

	private Redeemed live(String hash, String purpose, Instant now) {
		var row = jdbc.sql("""
				SELECT organization_id, subject_id, expires_at FROM one_time_token
				WHERE token_hash = ? AND purpose = ? AND used_at IS NULL""")
			.params(hash, purpose)
			.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, OffsetDateTime.class).toInstant() })
			.optional()
			.orElseThrow(OneTimeTokens::gone);
		if (!((Instant) row[2]).isAfter(now)) {
			throw gone();
		}
		return new Redeemed(new OrganizationId((UUID) row[0]), (UUID) row[1]);
	}

	/** An expired link answers 410 whether its row is there or not, used or not. */
	@Override
	public String table() {
		return "one_time_token";
	}

	@Override
	public String name() {
		return "single-use links";
	}

	private static ProblemException gone() {
		return new ProblemException(Problem.GONE, "This link has expired or was already used.");
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
