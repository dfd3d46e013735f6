package org.gatehouse.notification;

import java.io.IOException;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMailMessage;

/**
 * Delivers over SMTP; used whenever {@code spring.mail.host} is set. A run keeps one connection for
 * all its messages (a new one costs a TCP and SMTP handshake, and the server's per-connection
 * checks, for every message), and connects again when the server has closed it. A message the
 * server refuses fails alone; a connection that times out or breaks ends the run ({@link Unreachable}).
 */
class SmtpTransport implements MailTransport {

	private final JavaMailSenderImpl sender;

	SmtpTransport(JavaMailSenderImpl sender) {
		this.sender = sender;
	}

	@Override
	public Run open() {
		return new Connection();
	}

	private final class Connection implements Run {

		private Transport transport;

		@Override
		public void deliver(String from, String to, String subject, String body) throws Exception {
			SimpleMailMessage mail = new SimpleMailMessage();
			mail.setFrom(from);
			mail.setTo(to);
			mail.setSubject(subject);
			mail.setText(body);
			MimeMessage message = sender.createMimeMessage();
			mail.copyTo(new MimeMailMessage(message));
			message.setSentDate(new Date());
			message.saveChanges();
			if (transport == null || !transport.isConnected()) {
				close();
				transport = connected();
			}
			try {
				transport.sendMessage(message, message.getAllRecipients());
			}
			catch (MessagingException ex) {
				if (lostConnection(ex)) {
					close();
					throw new Unreachable(ex);
				}
				throw ex;
			}
		}

		/**
		 * Whether the connection failed (a timeout, a reset) rather than the server refusing this message: the next
		 * message would wait just as long.
		 */
		private static boolean lostConnection(MessagingException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof IOException) {
					return true;
				}
			}
			return false;
		}

		/** Connects as {@link JavaMailSenderImpl} does for each of its sends. */
		private Transport connected() throws Unreachable {
			String username = sender.getUsername();
			String password = sender.getPassword();
			if ("".equals(username)) {
				username = null;
				password = "".equals(password) ? null : password;
			}
			try {
				String protocol = sender.getProtocol() != null ? sender.getProtocol()
						: sender.getSession().getProperty("mail.transport.protocol");
				Transport connecting = sender.getSession().getTransport(protocol != null ? protocol : "smtp");
				connecting.connect(sender.getHost(), sender.getPort(), username, password);
				return connecting;
			}
			catch (MessagingException ex) {
				throw new Unreachable(ex);
			}
		}

		@Override
		public void close() {
			if (transport != null) {
				try {
					transport.close();
				}
				catch (MessagingException ex) {
					// the connection is gone either way
				}
				transport = null;
			}
		}

	}

}
