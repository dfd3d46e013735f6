package org.gatehouse.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from the sender of every message
 * @param pollInterval how often the dispatcher looks for due messages
 * @param maxBackoff the longest wait between two attempts at one message
 * @param failingAfter attempts after which a message counts as failing (metric and log), though it keeps being retried
 */
@ConfigurationProperties("gatehouse.mail")
record MailSettings(String from, Duration pollInterval, Duration maxBackoff, int failingAfter) {

	MailSettings {
		from = from == null || from.isBlank() ? "Gatehouse <no-reply@gatehouse.local>" : from;
		pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
		maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
		failingAfter = failingAfter <= 0 ? 5 : failingAfter;
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("gatehouse.mail.poll-interval must be positive");
		}
	}

}
