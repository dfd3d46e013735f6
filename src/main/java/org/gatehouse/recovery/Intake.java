package org.gatehouse.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.function.Supplier;

import org.gatehouse.recovery.internal.InboundMessage;
import org.gatehouse.recovery.internal.IntakeThrottle;
import org.gatehouse.recovery.internal.MessageText;
import org.gatehouse.recovery.internal.Routing;
import org.gatehouse.recovery.internal.SupportSettings;
import org.gatehouse.shared.Emails;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.Text;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The two ways a request comes in: the public form (and its API) and inbound email from the mail
 * gateway. Both answer the same whether or not the organization or the address exists, and do the
 * same work before they answer: the request is counted against the limits, stored and acknowledged,
 * and looked at only after the answer ({@link Routing}).
 */
@Service
public class Intake {

	private final Routing routing;
	private final IntakeThrottle throttle;
	private final SupportSettings settings;

	Intake(Routing routing, IntakeThrottle throttle, SupportSettings settings) {
		this.routing = routing;
		this.throttle = throttle;
		this.settings = settings;
	}

	/** What the requester typed. */
	public record Request(String organization, String email, String message) {
	}

	/** Files a request from the form; {@code client} is the caller's address, for the rate limit. */
	public UUID submit(Request request, String client) {
		String organization = Text.clean(request.organization(), 200, "The organization");
		if (!Emails.isValid(request.email())) {
			throw ProblemException.invalid("A valid email address is required.");
		}
		String email = Emails.normalize(request.email());
		String message = MessageText.clean(request.message());
		boolean acknowledge = once(() -> throttle.admit(client, email));
		return once(() -> routing.file(new Routing.NewRequest(Channel.FORM, organization, email, message, null,
				acknowledge)));
	}

	/** Files a request that the mail gateway delivered, after checking the gateway's shared secret. */
	public UUID receiveEmail(byte[] raw, String secret) {
		if (settings.inboundSecret() == null) {
			throw ProblemException.notFound();
		}
		if (secret == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
				settings.inboundSecret().getBytes(StandardCharsets.UTF_8))) {
			throw new ProblemException(Problem.FORBIDDEN, "The gateway secret is missing or wrong.");
		}
		InboundMessage message = InboundMessage.parse(raw);
		boolean acknowledge = once(() -> throttle.admit(null, message.from()));
		return once(() -> routing.file(new Routing.NewRequest(Channel.EMAIL, message.organization(), message.from(),
				message.text(), message.authenticationResults(), acknowledge)));
	}

	/**
	 * Runs a transaction, and once more when it lost a race on a unique key (two first requests of one
	 * contact or client at once): the second run sees the winner's row.
	 */
	private static <T> T once(Supplier<T> transaction) {
		try {
			return transaction.get();
		}
		catch (DuplicateKeyException raced) {
			return transaction.get();
		}
	}

}
