package org.gatehouse.notification;

import java.util.Map;

import org.gatehouse.recovery.SupportEvents;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.system.GatehouseSettings;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The messages of support-assisted recovery. Each goes to an address of record (the contact only
 * for the acknowledgement) and says nothing to the contact about whether the organization exists.
 */
@Component
class SupportNotifications {

	private final MailOutbox outbox;
	private final MailTemplates templates;
	private final GatehouseSettings settings;

	SupportNotifications(MailOutbox outbox, MailTemplates templates, GatehouseSettings settings) {
		this.outbox = outbox;
		this.templates = templates;
		this.settings = settings;
	}

	@EventListener
	void on(SupportEvents.RequestReceived event) {
		outbox.enqueue(OrganizationId.PLATFORM, event.contactEmail(), "We received your support request",
				templates.render("support/request-received", Map.of("event", event)));
	}

	@EventListener
	void on(SupportEvents.EmailProofRequested event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(),
				"Confirm your support request for " + event.organizationName(),
				templates.render("support/email-proof-requested", Map.of("event", event)));
	}

	@EventListener
	void on(SupportEvents.RecoveryRefused event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(),
				"About your support request for " + event.organizationName(),
				templates.render("support/recovery-refused", Map.of("event", event, "baseUrl", settings.baseUrl())));
	}

	@EventListener
	void on(SupportEvents.RecoveryUnderWay event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(),
				"Your support request for " + event.organizationName() + ": a recovery is already under way",
				templates.render("support/recovery-under-way", Map.of("event", event)));
	}

	@EventListener
	void on(SupportEvents.WaitingPeriodStarted event) {
		for (SupportEvents.Notice notice : event.notices()) {
			outbox.enqueue(event.organizationId(), notice.email(),
					"Support will reset the chief operator's MFA of " + event.organizationName(),
					templates.render("support/waiting-period-started", Map.of("event", event, "notice", notice)));
		}
	}

	@EventListener
	void on(SupportEvents.RecoveryCancelled event) {
		for (String recipient : event.recipients()) {
			outbox.enqueue(event.organizationId(), recipient,
					"The support reset for " + event.organizationName() + " was cancelled",
					templates.render("support/recovery-cancelled", Map.of("event", event)));
		}
	}

}
