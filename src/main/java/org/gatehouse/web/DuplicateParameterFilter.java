package org.gatehouse.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.Problem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** A query parameter given twice is ambiguous (which one counts?), so the API refuses it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DuplicateParameterFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (String[] values : request.getParameterMap().values()) {
			if (values.length > 1) {
				ProblemResponses.write(response, Problem.INVALID_INPUT, "A query parameter appears more than once.", null);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
