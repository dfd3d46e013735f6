package org.gatehouse.recovery.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.gatehouse.shared.Emails;
import org.gatehouse.shared.ProblemException;

/**
 * A support request that arrived as email (RFC 5322, parsed with Jakarta Mail). Only the From
 * address counts as the contact (never Reply-To), and it proves nothing: the gateway's
 * {@code Authentication-Results} are kept for the agent to read, never trusted. The organization
 * comes from a line "Organization: slug" in the body, or else from the subject.
 */
public record InboundMessage(String from, String organization, String text, String authenticationResults) {

	static final int MAX_BYTES = 1024 * 1024;

	private static final Session SESSION = Session.getInstance(new Properties());
	private static final Pattern BODY_ORGANIZATION = Pattern.compile("(?im)^\\s*organi[sz]ation\\s*:\\s*([a-z0-9-]{1,63})\\s*$");
	private static final Pattern SUBJECT_ORGANIZATION = Pattern.compile("(?i)organi[sz]ation\\s*:?\\s*([a-z0-9-]{1,63})");

	public static InboundMessage parse(byte[] raw) {
		if (raw == null || raw.length == 0 || raw.length > MAX_BYTES) {
			throw ProblemException.invalid("The message is empty or larger than 1 MiB.");
		}
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			String from = from(message);
			String subject = MessageText.sanitize(message.getSubject(), 300);
			String body = MessageText.sanitize(text(message), MessageText.MAX);
			String organization = find(BODY_ORGANIZATION, body);
			if (organization == null) {
				organization = find(SUBJECT_ORGANIZATION, subject);
			}
			String[] results = message.getHeader("Authentication-Results");
			String authentication = results == null ? null
					: MessageText.sanitize(String.join("\n", results), 2000);
			String text = MessageText.sanitize(subject.isEmpty() ? body : "Subject: " + subject + "\n\n" + body,
					MessageText.MAX);
			return new InboundMessage(from, organization == null ? "" : organization.toLowerCase(Locale.ROOT), text,
					authentication);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			if (ex instanceof ProblemException problem) {
				throw problem;
			}
			throw ProblemException.invalid("The message could not be read as RFC 5322 email.");
		}
	}

	private static String from(MimeMessage message) throws MessagingException {
		var addresses = message.getFrom();
		if (addresses == null || addresses.length != 1 || !(addresses[0] instanceof InternetAddress address)
				|| !Emails.isValid(address.getAddress())) {
			throw ProblemException.invalid("The message needs exactly one valid From address.");
		}
		return Emails.normalize(address.getAddress());
	}

	/** The first text/plain part (or the whole message when it is plain text). */
	private static String text(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			Object content = part.getContent();
			return content instanceof String text ? text : "";
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String text = text(child);
				if (!text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

	private static String find(Pattern pattern, String text) {
		Matcher match = pattern.matcher(text == null ? "" : text);
		return match.find() ? match.group(1) : null;
	}

}
