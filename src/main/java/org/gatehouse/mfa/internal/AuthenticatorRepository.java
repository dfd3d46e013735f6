package org.gatehouse.mfa.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class AuthenticatorRepository {

	private final JdbcClient jdbc;

	AuthenticatorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insertPending(StoredAuthenticator a) {
		jdbc.sql("""
				INSERT INTO authenticator (organization_id, id, user_id, label, label_key, status, key_id, secret_ciphertext,
				replaces_existing, created_at, pending_until) VALUES (?, ?, ?, ?, NULL, 'PENDING', ?, ?, ?, ?, ?)""")
			.params(a.organizationId(), a.id(), a.userId(), a.label(), a.secret().keyId(), a.secret().ciphertext(),
					a.replacesExisting(), Times.db(a.createdAt()), Times.db(a.pendingUntil()))
			.update();
	}

	/** Confirmed and suspended authenticators of the user (not pending ones). */
	public List<StoredAuthenticator> enrolled(UUID org, UUID user) {
		return jdbc.sql("""
				SELECT * FROM authenticator WHERE organization_id = ? AND user_id = ? AND status <> 'PENDING'
				ORDER BY created_at""").params(org, user).query(AuthenticatorRepository::map).list();
	}

	public Optional<StoredAuthenticator> find(UUID org, UUID user, UUID id) {
		return jdbc.sql("SELECT * FROM authenticator WHERE organization_id = ? AND user_id = ? AND id = ?")
			.params(org, user, id).query(AuthenticatorRepository::map).optional();
	}

	/** The newest pending enrollment of the user that has not expired. */
	public Optional<StoredAuthenticator> pending(UUID org, UUID user, Instant now) {
		return jdbc.sql("""
				SELECT * FROM authenticator WHERE organization_id = ? AND user_id = ? AND status = 'PENDING'
				AND pending_until > ? ORDER BY created_at DESC LIMIT 1""")
			.params(org, user, Times.db(now)).query(AuthenticatorRepository::map).optional();
	}

	public void deletePending(UUID org, UUID user) {
		jdbc.sql("DELETE FROM authenticator WHERE organization_id = ? AND user_id = ? AND status = 'PENDING'")
			.params(org, user).update();
	}

	public boolean labelTaken(UUID org, UUID user, String label) {
		return jdbc.sql("SELECT COUNT(*) FROM authenticator WHERE organization_id = ? AND user_id = ? AND label_key = ?")
			.params(org, user, key(label)).query(Long.class).single() > 0;
	}

	public void confirm(UUID org, UUID id, String label, long step, Instant now) {
		jdbc.sql("""
				UPDATE authenticator SET status = 'ACTIVE', label = ?, label_key = ?, confirmed_at = ?, pending_until = NULL,
				last_used_step = ?, last_used_at = ? WHERE organization_id = ? AND id = ? AND status = 'PENDING'""")
			.params(label, key(label), Times.db(now), step, Times.db(now), org, id)
			.update();
	}

	/**
	 * Claims a time step for the authenticator: succeeds only if no code of this or a later step
	 * was accepted before. The compare-and-set makes a code work once, also across nodes.
	 */
	public boolean claimStep(UUID org, UUID id, long step, Instant now) {
		return jdbc.sql("""
				UPDATE authenticator SET last_used_step = ?, last_used_at = ? WHERE organization_id = ? AND id = ?
				AND status = 'ACTIVE' AND (last_used_step IS NULL OR last_used_step < ?)""")
			.params(step, Times.db(now), org, id, step).update() == 1;
	}

	public int delete(UUID org, UUID user, UUID id) {
		return jdbc.sql("DELETE FROM authenticator WHERE organization_id = ? AND user_id = ? AND id = ?")
			.params(org, user, id).update();
	}

	public int deleteAllExcept(UUID org, UUID user, UUID keep) {
		return jdbc.sql("DELETE FROM authenticator WHERE organization_id = ? AND user_id = ? AND id <> ?")
			.params(org, user, keep).update();
	}

	public int deleteAll(UUID org, UUID user) {
		return jdbc.sql("DELETE FROM authenticator WHERE organization_id = ? AND user_id = ?").params(org, user).update();
	}

	public Optional<StoredAuthenticator> findAny(UUID org, UUID id) {
		return jdbc.sql("SELECT * FROM authenticator WHERE organization_id = ? AND id = ? AND status <> 'PENDING'")
			.params(org, id).query(AuthenticatorRepository::map).optional();
	}

	public void suspend(UUID org, UUID id) {
		jdbc.sql("UPDATE authenticator SET status = 'SUSPENDED' WHERE organization_id = ? AND id = ?").params(org, id).update();
	}

	public void suspendAll(UUID org, UUID user) {
		jdbc.sql("UPDATE authenticator SET status = 'SUSPENDED' WHERE organization_id = ? AND user_id = ? AND status = 'ACTIVE'")
			.params(org, user).update();
	}

	public List<StoredAuthenticator> sealedUnder(String keyIdOtherThan, int limit) {
		return jdbc.sql("SELECT * FROM authenticator WHERE key_id <> ? ORDER BY organization_id, id LIMIT " + limit)
			.param(keyIdOtherThan).query(AuthenticatorRepository::map).list();
	}

	public void replaceSecret(UUID org, UUID id, SecretBox.Sealed sealed) {
		jdbc.sql("UPDATE authenticator SET key_id = ?, secret_ciphertext = ? WHERE organization_id = ? AND id = ?")
			.params(sealed.keyId(), sealed.ciphertext(), org, id).update();
	}

	static String key(String label) {
		return label.strip().toLowerCase(Locale.ROOT);
	}

	private static StoredAuthenticator map(ResultSet rs, int n) throws SQLException {
		long stepValue = rs.getLong("last_used_step");
		Long step = rs.wasNull() ? null : stepValue;
		return new StoredAuthenticator(rs.getObject("organization_id", UUID.class), rs.getObject("id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("label"),
				StoredAuthenticator.Status.valueOf(rs.getString("status")),
				new SecretBox.Sealed(rs.getString("key_id"), rs.getBytes("secret_ciphertext")),
				rs.getBoolean("replaces_existing"), Times.instant(rs, "created_at"), Times.instant(rs, "pending_until"),
				Times.instant(rs, "last_used_at"), step);
	}

}
