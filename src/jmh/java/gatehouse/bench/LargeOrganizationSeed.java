package gatehouse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Bulk-inserts the members of one organization straight into PostgreSQL with JDBC batches: users of
 * every kind spread over roles, and the rows behind their MFA state (confirmed authenticators,
 * recovery codes, exemptions), with the counters of {@code app_user} that the user list filters on
 * kept consistent with those rows. Seeded users never sign in with a second factor: their
 * authenticator secrets and recovery-code hashes are placeholders; they share one real Argon2id
 * password hash.
 */
final class LargeOrganizationSeed {

	/** A role to fill: its id, how many seeded members, their kinds, and whether it requires MFA. */
	record Share(UUID roleId, String name, int members, List<String> kinds, boolean requireMfa) {
	}

	/** What was written, for the report. */
	record Seeded(int users, int invited, int disabled, int withoutAuthenticator, int exempt, int oneDevice,
			int backupDevice, int recoveryCodeRows, int authenticatorRows, long millis) {
	}

	static final String[] FIRST = { "Amara", "Ben", "Chen", "Dalia", "Emeka", "Fatima", "Gustav", "Hana", "Ivan",
			"Jana", "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma",
			"Viktor", "Wen", "Xenia", "Yusuf", "Zoe", "Aiko", "Bruno", "Carmen", "Dmitri", "Elif", "Farid", "Greta",
			"Hugo", "Ines", "Jonas", "Kira", "Liam", "Mira", "Noah", "Olga", "Pablo", "Rania", "Sami", "Tessa",
			"Ugo", "Vera", "Willem", "Yara", "Zeynep" };

	static final String[] LAST = { "Nakamura", "Okafor", "Schmidt", "Garcia", "Kowalski", "Haddad", "Lindqvist",
			"Moreau", "Rossi", "Singh", "Tanaka", "Novak", "Jensen", "Mensah", "Petrov", "Silva", "Yilmaz", "Dubois",
			"Fischer", "Kim", "Larsen", "Mwangi", "Nguyen", "Ortiz", "Papadopoulos", "Quinn", "Reyes", "Sato",
			"Torres", "Ueda", "Varga", "Walsh", "Xu", "Young", "Zhang", "Abbott", "Bianchi", "Costa", "Dunn", "Eriksen",
			"Ferrari", "Gomez", "Horvat", "Ibrahim", "Jovanovic", "Keller", "Lopez", "Meyer", "Nilsen", "Olsen",
			"Park", "Richter", "Santos", "Thompson", "Vogel", "Weber", "Ahmed", "Bauer", "Castro", "Diaz" };

	private static final int BATCH = 2000;

	private final String jdbcUrl;
	private final UUID organization;
	private final Random random = new Random(20_240_601L);
	private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
	private final String passwordHash = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2)
		.encode("seeded user password " + UUID.randomUUID());
	private final String codeHashPlaceholder = "$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder-never-redeemed";

	LargeOrganizationSeed(String jdbcUrl, UUID organization) {
		this.jdbcUrl = jdbcUrl;
		this.organization = organization;
	}

	Seeded seed(List<Share> shares) throws SQLException {
		long started = System.nanoTime();
		Counts c = new Counts();
		try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
			db.setAutoCommit(false);
			try (PreparedStatement users = db.prepareStatement("""
					INSERT INTO app_user (organization_id, id, email, name, name_key, kind, role_id, status, password_hash,
					email_verified_at, security_epoch, authenticator_count, backup_device, recovery_codes_left,
					mfa_exempt_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)""");
					PreparedStatement devices = db.prepareStatement("""
							INSERT INTO authenticator (organization_id, id, user_id, label, label_key, status, key_id,
							secret_ciphertext, replaces_existing, created_at, confirmed_at, last_used_at, last_used_step)
							VALUES (?, ?, ?, ?, ?, 'ACTIVE', 'seed', ?, FALSE, ?, ?, ?, ?)""");
					PreparedStatement codes = db.prepareStatement("""
							INSERT INTO recovery_code (organization_id, id, user_id, code_hash, created_at, used_at)
							VALUES (?, ?, ?, ?, ?, ?)""")) {
				int n = 0;
				for (Share share : shares) {
					for (int i = 0; i < share.members(); i++, n++) {
						user(users, devices, codes, share, n, c);
						if (n % BATCH == BATCH - 1) {
							flush(db, users, devices, codes);
						}
					}
				}
				flush(db, users, devices, codes);
			}
			try (Statement analyze = db.createStatement()) {
				db.setAutoCommit(true);
				analyze.execute("VACUUM ANALYZE app_user");
				analyze.execute("VACUUM ANALYZE authenticator");
				analyze.execute("VACUUM ANALYZE recovery_code");
				// the bulk load's dirty pages are written now, not by a checkpoint during the measurements
				analyze.execute("CHECKPOINT");
			}
		}
		return new Seeded(c.users, c.invited, c.disabled, c.none, c.exempt, c.one, c.backup, c.codeRows,
				c.deviceRows, (System.nanoTime() - started) / 1_000_000);
	}

	private static final class Counts {

		int users, invited, disabled, none, exempt, one, backup, codeRows, deviceRows;

	}

	private void user(PreparedStatement users, PreparedStatement devices, PreparedStatement codes, Share share, int n,
			Counts c) throws SQLException {
		UUID id = UUID.randomUUID();
		String first = FIRST[random.nextInt(FIRST.length)];
		String last = LAST[random.nextInt(LAST.length)];
		String name = first + " " + last;
		String email = (first + "." + last + "." + n + "@bigcorp.example").toLowerCase(Locale.ROOT);
		String kind = share.kinds().get(random.nextInt(share.kinds().size()));
		double state = random.nextDouble();
		String status = state < 0.03 ? "INVITED" : state < 0.05 ? "DISABLED" : "ACTIVE";
		int authenticators = 0;
		int codesLeft = 0;
		OffsetDateTime exemptUntil = null;
		if (!status.equals("INVITED")) {
			double mfa = random.nextDouble();
			double withoutShare = share.requireMfa() ? 0.15 : 0.6;
			if (mfa < withoutShare) {
				if (share.requireMfa() && mfa < 0.03) {
					exemptUntil = now.plusDays(1 + random.nextInt(6));
					c.exempt++;
				}
			}
			else {
				authenticators = mfa < withoutShare + (1 - withoutShare) * 0.7 ? 1 : 2;
				double left = random.nextDouble();
				codesLeft = left < 0.7 ? 10 : left < 0.85 ? 1 + random.nextInt(3) : left < 0.95 ? 4 + random.nextInt(6) : 0;
			}
		}
		OffsetDateTime created = now.minusDays(1 + random.nextInt(1500));
		users.setObject(1, organization);
		users.setObject(2, id);
		users.setString(3, email);
		users.setString(4, name);
		users.setString(5, name.toLowerCase(Locale.ROOT));
		users.setString(6, kind);
		users.setObject(7, share.roleId());
		users.setString(8, status);
		users.setString(9, status.equals("INVITED") ? null : passwordHash);
		users.setObject(10, status.equals("INVITED") ? null : created);
		users.setInt(11, authenticators);
		users.setBoolean(12, authenticators > 1);
		users.setInt(13, codesLeft);
		if (exemptUntil == null) {
			users.setNull(14, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			users.setObject(14, exemptUntil);
		}
		users.setObject(15, created);
		users.setObject(16, created);
		users.addBatch();
		for (int d = 0; d < authenticators; d++) {
			String label = d == 0 ? "Phone" : "Backup phone";
			byte[] placeholder = new byte[48];
			random.nextBytes(placeholder);
			devices.setObject(1, organization);
			devices.setObject(2, UUID.randomUUID());
			devices.setObject(3, id);
			devices.setString(4, label);
			devices.setString(5, label.toLowerCase(Locale.ROOT));
			devices.setBytes(6, placeholder);
			devices.setObject(7, created);
			devices.setObject(8, created);
			devices.setObject(9, created);
			devices.setLong(10, Instant.from(created).getEpochSecond() / 30);
			devices.addBatch();
			c.deviceRows++;
		}
		if (authenticators > 0) {
			for (int k = 0; k < 10; k++) {
				codes.setObject(1, organization);
				codes.setObject(2, UUID.randomUUID());
				codes.setObject(3, id);
				codes.setString(4, codeHashPlaceholder);
				codes.setObject(5, created);
				if (k < codesLeft) {
					codes.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
				}
				else {
					codes.setObject(6, created);
				}
				codes.addBatch();
				c.codeRows++;
			}
		}
		c.users++;
		c.invited += status.equals("INVITED") ? 1 : 0;
		c.disabled += status.equals("DISABLED") ? 1 : 0;
		c.none += authenticators == 0 ? 1 : 0;
		c.one += authenticators == 1 ? 1 : 0;
		c.backup += authenticators > 1 ? 1 : 0;
	}

	private static void flush(Connection db, PreparedStatement users, PreparedStatement devices,
			PreparedStatement codes) throws SQLException {
		users.executeBatch();
		devices.executeBatch();
		codes.executeBatch();
		db.commit();
	}

}
