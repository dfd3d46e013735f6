package org.gatehouse.notification;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Delivers over SMTP; used whenever {@code spring.mail.host} is set. */
class SmtpTransport implements MailTransport {

	private final JavaMailSender sender;

	SmtpTransport(JavaMailSender sender) {
		this.sender = sender;
	}

	@Override
	public void deliver(String from, String to, String subject, String body) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(body);
		sender.send(message);
	}

}
