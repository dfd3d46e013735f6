package org.gatehouse.mfa.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gatehouse.system.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RecoveryCodeRepository {

	public record Unused(UUID id, String hash) {

		@Override
		public String toString() {
			return "Unused[" + id + "]";
		}

	}

	private final JdbcClient jdbc;

	RecoveryCodeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void replaceAll(UUID org, UUID user, List<String> hashes, Instant now) {
		deleteAll(org, user);
		for (String hash : hashes) {
			jdbc.sql("INSERT INTO recovery_code (organization_id, id, user_id, code_hash, created_at) VALUES (?, ?, ?, ?, ?)")
				.params(org, UUID.randomUUID(), user, hash, Times.db(now)).update();
		}
	}

	public List<Unused> unused(UUID org, UUID user) {
		return jdbc.sql("SELECT id, code_hash FROM recovery_code WHERE organization_id = ? AND user_id = ? AND used_at IS NULL")
			.params(org, user).query((rs, n) -> new Unused(rs.getObject(1, UUID.class), rs.getString(2))).list();
	}

	public int countUnused(UUID org, UUID user) {
		return jdbc.sql("SELECT COUNT(*) FROM recovery_code WHERE organization_id = ? AND user_id = ? AND used_at IS NULL")
			.params(org, user).query(Integer.class).single();
	}

	/** Marks the code used; true for exactly one caller, however many race. */
	public boolean claim(UUID org, UUID id, Instant now) {
		return jdbc.sql("UPDATE recovery_code SET used_at = ? WHERE organization_id = ? AND id = ? AND used_at IS NULL")
			.params(Times.db(now), org, id).update() == 1;
	}

	public int deleteAll(UUID org, UUID user) {
		return jdbc.sql("DELETE FROM recovery_code WHERE organization_id = ? AND user_id = ?").params(org, user).update();
	}

}
