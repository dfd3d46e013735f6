package org.gatehouse.notification;

/** Delivers one message, or throws. */
interface MailTransport {

	void deliver(String from, String to, String subject, String body) throws Exception;

}
