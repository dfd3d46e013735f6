package org.gatehouse.notification;

/**
 * Delivers messages in runs: the outbox opens one run for the messages due at once, so a transport
 * with connections (SMTP) sends them all over one instead of connecting for each.
 */
interface MailTransport {

	Run open();

	/** A run of deliveries; {@link #close()} ends it. */
	interface Run extends AutoCloseable {

		/**
		 * Delivers one message, or throws; after a failed message the run goes on with the next, except after
		 * {@link Unreachable}.
		 */
		void deliver(String from, String to, String subject, String body) throws Exception;

		@Override
		void close();

	}

	/** The server could not be reached at all, so the rest of the run would fail the same way. */
	final class Unreachable extends Exception {

		Unreachable(Exception cause) {
			super(cause.getClass().getSimpleName(), cause);
		}

	}

}
