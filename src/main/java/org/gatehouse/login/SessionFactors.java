package org.gatehouse.login;

import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.login.internal.ApiTokens;
import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.mfa.DeviceConfirmations;
import org.gatehouse.shared.Actor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Records a factor verified after sign-in (a step-up, a newly confirmed device) where the signed-in person's
 * sign-in lives: in the console session, under a new id, or on the API token.
 */
@Component
class SessionFactors implements DeviceConfirmations {

	private final ApiTokens tokens;
	private final Clock clock;

	SessionFactors(ApiTokens tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	public void confirmedInConsole(Actor actor, HttpServletRequest request) {
		Instant now = clock.instant();
		inConsole(request, signedIn -> signedIn.withConfirmedDevice(now, actor.hasRecentStrongFactor(now)));
	}

	@Override
	public void confirmedOverApi(Actor actor) {
		Instant now = clock.instant();
		onApiToken(signedIn -> signedIn.withConfirmedDevice(now, actor.hasRecentStrongFactor(now)));
	}

	/** The console session changed as told, under a new session id. */
	void inConsole(HttpServletRequest request, UnaryOperator<SignedIn> change) {
		SignedIn current = ((GatehouseAuthentication) SecurityContextHolder.getContext().getAuthentication())
			.signedIn();
		SecondStepPages.finish(request, change.apply(current));
	}

	/** The API token the request came with changed as told; nothing for a request without one. */
	void onApiToken(UnaryOperator<SignedIn> change) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth
				&& auth.tokenHash() != null) {
			tokens.markFactors(auth.tokenHash(), change.apply(auth.signedIn()));
		}
	}

}
