package gatehouse.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * How fast the outbox of a running service delivers a queue of mail, as after a bulk invitation: queues
 * {@code --messages} messages in the service's database, receives them on a real SMTP server (GreenMail on
 * {@code --smtp-port}, where the service sends) and prints messages per second from the first to the last.
 * Run by {@code MODE=mail bench/run.sh} (PostgreSQL).
 */
public final class MailDelivery {

	public static void main(String[] args) throws Exception {
		BenchOptions options = new BenchOptions(args);
		String jdbc = options.get("jdbc", null);
		int smtpPort = Integer.parseInt(options.get("smtp-port", null));
		int messages = Integer.parseInt(options.get("messages", "2000"));
		GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
		smtp.start();
		try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
			String batch = "bench-mail-" + UUID.randomUUID().toString().substring(0, 8);
			queue(db, batch, messages);
			long started = System.nanoTime();
			long deadline = started + TimeUnit.MINUTES.toNanos(30);
			int received = 0;
			while (received < messages && System.nanoTime() < deadline) {
				BenchSeed.sleep(50);
				received = smtp.getReceivedMessages().length;
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			int sent = sent(db, batch);
			System.out.printf("mail: %d messages queued, %d received over SMTP and %d marked sent in %.1f s: %.1f messages/s%n",
					messages, received, sent, seconds, received / seconds);
			if (received != messages || sent != messages) {
				System.exit(1);
			}
		}
		finally {
			smtp.stop();
		}
	}

	private static void queue(Connection db, String batch, int messages) throws Exception {
		Timestamp now = Timestamp.from(Instant.now());
		try (PreparedStatement insert = db.prepareStatement("""
				INSERT INTO mail_outbox (id, recipient, subject, body, status, attempts, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)""")) {
			for (int i = 0; i < messages; i++) {
				insert.setObject(1, UUID.randomUUID());
				insert.setString(2, "user" + i + "@" + batch + ".example");
				insert.setString(3, "You are invited (" + batch + ")");
				insert.setString(4, "An administrator invited you. Open https://gatehouse.example/invite?token=x" + i
						+ " to choose a password.");
				insert.setTimestamp(5, now);
				insert.setTimestamp(6, now);
				insert.addBatch();
			}
			db.setAutoCommit(false);
			insert.executeBatch();
			db.commit();
			db.setAutoCommit(true);
		}
	}

	private static int sent(Connection db, String batch) throws Exception {
		try (PreparedStatement count = db.prepareStatement(
				"SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT' AND subject LIKE ?")) {
			count.setString(1, "%(" + batch + ")");
			try (ResultSet rs = count.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

}
