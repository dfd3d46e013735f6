package org.gatehouse.login.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.gatehouse.login.SignInPolicy;
import org.gatehouse.login.SignedIn;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits console requests whose server-side session holds a sign-in that still holds; a sign-in
 * that no longer does (user disabled, MFA reset, 12 hours passed) ends the session.
 */
public class ConsoleSessionFilter extends OncePerRequestFilter {

	public static final String ATTRIBUTE = "gatehouse.signedIn";

	private final SignInPolicy policy;

	public ConsoleSessionFilter(SignInPolicy policy) {
		this.policy = policy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ATTRIBUTE) instanceof SignedIn signedIn) {
			var auth = policy.evaluate(signedIn, null);
			if (auth.isPresent()) {
				SecurityContextHolder.getContext().setAuthentication(auth.get());
			}
			else {
				session.invalidate();
			}
		}
		chain.doFilter(request, response);
	}

}
