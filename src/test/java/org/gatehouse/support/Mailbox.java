package org.gatehouse.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * What Gatehouse sent: the messages GreenMail received, and the mail outbox they came from (a
 * message that was never queued will never arrive, so absence is checked there, without waiting).
 */
public final class Mailbox {

	public static final Duration PATIENCE = Duration.ofSeconds(10);

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"'<>]+");

	private final TestMailServer server;
	private final JdbcClient jdbc;

	public Mailbox(TestMailServer server, JdbcClient jdbc) {
		this.server = server;
		this.jdbc = jdbc;
	}

	/** One received message. */
	public record Message(String to, String subject, String body) {

		/** The first link in the body. */
		public String link() {
			Matcher link = LINK.matcher(body);
			if (!link.find()) {
				throw new AssertionError("no link in the message \"" + subject + "\" to " + to + ":\n" + body);
			}
			return link.group();
		}

		/** The {@code token} query parameter of the first link in the body. */
		public String token() {
			String query = URI.create(link()).getRawQuery();
			for (String pair : query == null ? new String[0] : query.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0 && pair.substring(0, eq).equals("token")) {
					return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				}
			}
			throw new AssertionError("the link " + link() + " has no token parameter");
		}

	}

	/** Waits (up to 10 s) for a message to {@code to} whose subject contains {@code subjectContains}. */
	public Message await(String to, String subjectContains) {
		return Awaitility.await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.alias("a message to " + to + " with \"" + subjectContains + "\" in its subject")
			.until(() -> latest(to, subjectContains), Optional::isPresent)
			.orElseThrow();
	}

	/** Waits for {@code count} messages to {@code to}, in order of arrival, and returns them. */
	public List<Message> awaitCount(String to, int count) {
		return Awaitility.await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.alias(count + " messages to " + to)
			.until(() -> receivedBy(to), list -> list.size() >= count);
	}

	/** Every message received so far for {@code to}, in order of arrival. */
	public List<Message> receivedBy(String to) {
		List<Message> result = new ArrayList<>();
		for (MimeMessage message : server.greenMail().getReceivedMessages()) {
			if (addressedTo(message, to)) {
				result.add(read(message, to));
			}
		}
		return result;
	}

	/** How many messages were ever queued for {@code to}: zero means none will ever be sent. */
	public long queuedFor(String to) {
		return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE LOWER(recipient) = ?")
			.param(to.toLowerCase(Locale.ROOT))
			.query(Long.class)
			.single();
	}

	/** How many messages were ever queued for {@code to} with {@code subjectContains} in the subject. */
	public long queuedFor(String to, String subjectContains) {
		return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE LOWER(recipient) = ? AND subject LIKE ?")
			.params(to.toLowerCase(Locale.ROOT), "%" + subjectContains + "%")
			.query(Long.class)
			.single();
	}

	private Optional<Message> latest(String to, String subjectContains) {
		List<Message> matching = receivedBy(to).stream().filter(m -> m.subject().contains(subjectContains)).toList();
		return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
	}

	private static boolean addressedTo(MimeMessage message, String to) {
		try {
			Address[] recipients = message.getAllRecipients();
			if (recipients == null) {
				return false;
			}
			for (Address address : recipients) {
				if (address.toString().equalsIgnoreCase(to)) {
					return true;
				}
			}
			return false;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Message read(MimeMessage message, String to) {
		try {
			Object content = message.getContent();
			String body = content instanceof String text ? text : GreenMailUtil.getBody(message);
			return new Message(to, message.getSubject(), body.replace("\r\n", "\n"));
		}
		catch (MessagingException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
