package org.gatehouse.notification;

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
	private final GatehouseSettings settings;

	SupportNotifications(MailOutbox outbox, GatehouseSettings settings) {
		this.outbox = outbox;
		this.settings = settings;
	}

	@EventListener
	void on(SupportEvents.RequestReceived event) {
		outbox.enqueue(OrganizationId.PLATFORM, event.contactEmail(), "We received your support request",
				"Hello,\n\nWe received your request to our support team (reference " + event.ticketId() + ").\n\n"
						+ "If the details match an organization we hold, we will contact you, by email to the "
						+ "address on file for that organization. We will never ask you for a code from your "
						+ "authenticator app or for a recovery code.\n\nIf you did not send this request, you can "
						+ "ignore this message.\n");
	}

	@EventListener
	void on(SupportEvents.EmailProofRequested event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(),
				"Confirm your support request for " + event.organizationName(),
				"Hello,\n\nSomeone asked our support team to reset the MFA of the chief operator of "
						+ event.organizationName() + " (reference " + event.ticketId() + "). If it was you, open this "
						+ "link to confirm that you control this address; it works once, for 60 minutes, and asks for "
						+ "the chief operator's password:\n\n" + event.proofLink() + "\n\nIf it was not you, ignore "
						+ "this message: nothing changes without this link.\n");
	}

	@EventListener
	void on(SupportEvents.RecoveryRefused event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(),
				"About your support request for " + event.organizationName(),
				"Hello,\n\nSomeone asked our support team to reset the MFA of the chief operator of "
						+ event.organizationName() + " (reference " + event.ticketId() + "). We did not do it, "
						+ "because your organization has another active administrator who can: they open the chief "
						+ "operator's profile under Users and choose \"Disable MFA\". At the next sign-in a new device "
						+ "can be set up. More: " + settings.baseUrl() + "/help/lost-device\n\nIf you did not ask for "
						+ "this, nothing was changed.\n");
	}

	@EventListener
	void on(SupportEvents.RecoveryUnderWay event) {
		outbox.enqueue(event.organizationId(), event.primaryEmail(),
				"Your support request for " + event.organizationName() + ": a recovery is already under way",
				"Hello,\n\nSomeone asked our support team, from this address, to reset the MFA of the chief operator of "
						+ event.organizationName() + " (reference " + event.ticketId() + "). We did not open it, "
						+ "because a recovery of your organization that support already approved or that was "
						+ "confirmed from this address is under way (reference " + event.underWayTicketId() + "). "
						+ "If you were told of a waiting period, the cancel link in that message stops it.\n\nIf you "
						+ "did not ask for this, nothing was changed.\n");
	}

	@EventListener
	void on(SupportEvents.WaitingPeriodStarted event) {
		for (SupportEvents.Notice notice : event.notices()) {
			outbox.enqueue(event.organizationId(), notice.email(),
					"Support will reset the chief operator's MFA of " + event.organizationName(),
					"Hello " + notice.name() + ",\n\nTo cancel, open this link (one click; it works until the reset "
							+ "runs):\n\n" + notice.cancelLink() + "\n\nOur support team approved a request to reset "
							+ "the MFA of the chief operator of " + event.organizationName() + " (reference "
							+ event.ticketId() + ") after checking the requester's identity. Unless someone cancels, "
							+ "the reset runs at " + event.until() + ": every authenticator and recovery code of the "
							+ "chief operator is removed and a new device is set up at the next sign-in.\n\nIf nobody "
							+ "in your organization asked for this, cancel now.\n");
		}
	}

	@EventListener
	void on(SupportEvents.RecoveryCancelled event) {
		for (String recipient : event.recipients()) {
			outbox.enqueue(event.organizationId(), recipient,
					"The support reset for " + event.organizationName() + " was cancelled",
					"Hello,\n\nThe pending reset of the chief operator's MFA of " + event.organizationName()
							+ " (reference " + event.ticketId() + ") was cancelled by " + event.by() + ". Nothing "
							+ "was changed.\n");
		}
	}

}
