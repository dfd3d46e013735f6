package org.gatehouse.mfa;

import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.shared.Actor;

/**
 * What the sign-in learns when its person confirms a new device of their own: the console session or the API token
 * then counts the device as a verified second factor. {@code login}, which owns sessions and tokens, implements it.
 */
public interface DeviceConfirmations {

	/** Renews the console session's id and records the confirmed device in it. */
	void confirmedInConsole(Actor actor, HttpServletRequest request);

	/** Records the confirmed device on the API token the request came with, if it came with one. */
	void confirmedOverApi(Actor actor);

}
