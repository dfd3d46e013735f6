package org.gatehouse.login.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.login.SignInPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits API requests that carry a live access token (not idle too long, not past its lifetime) and
 * records the use. Login tokens are never accepted here.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;
	private final SignInPolicy policy;

	public BearerTokenFilter(ApiTokens tokens, SignInPolicy policy) {
		this.tokens = tokens;
		this.policy = policy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			tokens.find(header.substring(7).strip(), ApiTokens.Kind.ACCESS)
				.ifPresent(found -> policy.evaluate(found.signedIn(), found.hash()).ifPresent(auth -> {
					tokens.used(found);
					SecurityContextHolder.getContext().setAuthentication(auth);
				}));
		}
		chain.doFilter(request, response);
	}

}
