package org.gatehouse.notification;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.gatehouse.system.GatehouseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

	@Bean
	MailTransport mailTransport(Environment env, ObjectProvider<JavaMailSenderImpl> sender, GatehouseSettings settings,
			Clock clock) throws IOException {
		if (env.containsProperty("spring.mail.host") && sender.getIfAvailable() != null) {
			log.info("Mail is sent over SMTP to {}", env.getProperty("spring.mail.host"));
			return new SmtpTransport(sender.getObject());
		}
		LocalMailbox mailbox = new LocalMailbox(Path.of(settings.dataDir(), "mailbox"), clock);
		log.warn("No SMTP server configured (spring.mail.host): outgoing mail is kept in the local mailbox {}",
				mailbox.folder());
		return mailbox;
	}

}
