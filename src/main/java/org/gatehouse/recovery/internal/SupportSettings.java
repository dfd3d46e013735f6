package org.gatehouse.recovery.internal;

import java.time.Duration;

import org.gatehouse.recovery.Track;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code gatehouse.support.*}.
 *
 * @param inboundSecret the shared secret of the mail gateway ({@code GATEHOUSE_SUPPORT_INBOUND_SECRET});
 * unset, inbound email is off (404)
 * @param waitingPeriod how long the other-email track waits, cancellable, before the reset runs
 * @param proofLifetime how long the primary-email proof link works
 * @param acknowledgementsPerEmail requests one contact mailbox gets an acknowledgement for per {@code requestWindow};
 * later ones are filed and answered the same, without mail
 * @param requestsPerClient requests one client address may make per {@code requestWindow} (429 beyond)
 * @param requestWindow the window of the intake limits
 * @param expeditedSla the target for a primary-email ticket, from its arrival
 * @param standardSla the target for any other ticket, from its arrival
 * @param ticketLifetime how long a ticket may wait for proof, evidence or approval before it expires
 */
@ConfigurationProperties("gatehouse.support")
public record SupportSettings(String inboundSecret, Duration waitingPeriod, Duration proofLifetime, int acknowledgementsPerEmail,
		int requestsPerClient, Duration requestWindow, Duration expeditedSla, Duration standardSla,
		Duration ticketLifetime) {

	public SupportSettings {
		inboundSecret = inboundSecret == null || inboundSecret.isBlank() ? null : inboundSecret.strip();
		waitingPeriod = orDefault(waitingPeriod, Duration.ofHours(72));
		proofLifetime = orDefault(proofLifetime, Duration.ofMinutes(60));
		acknowledgementsPerEmail = acknowledgementsPerEmail == 0 ? 3 : acknowledgementsPerEmail;
		requestsPerClient = requestsPerClient == 0 ? 10 : requestsPerClient;
		requestWindow = orDefault(requestWindow, Duration.ofHours(1));
		expeditedSla = orDefault(expeditedSla, Duration.ofHours(8));
		standardSla = orDefault(standardSla, Duration.ofHours(72));
		ticketLifetime = orDefault(ticketLifetime, Duration.ofDays(14));
		if (inboundSecret != null && inboundSecret.length() < 16) {
			throw new IllegalArgumentException("gatehouse.support.inbound-secret must have at least 16 characters");
		}
		if (proofLifetime.compareTo(Duration.ofMinutes(60)) > 0) {
			throw new IllegalArgumentException("gatehouse.support.proof-lifetime is at most 60 minutes");
		}
		if (acknowledgementsPerEmail < 1 || requestsPerClient < 1) {
			throw new IllegalArgumentException(
					"gatehouse.support.acknowledgements-per-email and requests-per-client must be at least 1");
		}
	}

	private static Duration orDefault(Duration value, Duration fallback) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new IllegalArgumentException("gatehouse.support durations must be positive: " + value);
		}
		return value == null ? fallback : value;
	}

	Duration sla(Track track) {
		return track != null && track.expedited() ? expeditedSla : standardSla;
	}

	@Override
	public String toString() {
		return "SupportSettings[waitingPeriod=" + waitingPeriod + "]";
	}

}
