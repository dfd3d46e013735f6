package org.gatehouse.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the {@link SecurityHeaders} before any other filter runs, so that every answer carries them:
 * also the refusals written before Spring Security's filters (the firewall, duplicated parameters, the
 * sign-in tarpit, a database outage) and the error pages.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.setHeader("Content-Security-Policy", SecurityHeaders.contentSecurityPolicy(path));
		response.setHeader("Referrer-Policy", SecurityHeaders.REFERRER_POLICY);
		response.setHeader("Permissions-Policy", SecurityHeaders.PERMISSIONS_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		chain.doFilter(request, response);
	}

}
