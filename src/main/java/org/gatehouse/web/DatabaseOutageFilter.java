package org.gatehouse.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When the database is unreachable, every request (sign-in included) is refused with 503 rather
 * than waved through or answered with a stack trace. Sits in front of sessions and security, which
 * both need the database.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (response.isCommitted() || !(lockConflict(ex) || unavailable(ex))) {
				throw ex;
			}
			if (lockConflict(ex)) { // a transient failure too, but the database is there: the caller may retry at once
				log.warn("refused {} {}: rolled back by a lock conflict", request.getMethod(), request.getRequestURI());
				response.resetBuffer();
				ProblemResponses.write(response, Problem.CONFLICT, ProblemResponses.LOCK_CONFLICT, 1, null);
				return;
			}
			log.warn("refused {} {}: database unavailable", request.getMethod(), request.getRequestURI());
			response.resetBuffer();
			ProblemResponses.write(response, Problem.UNAVAILABLE,
					"The service cannot reach its database. Try again shortly.", 5, null);
		}
	}

	private static boolean lockConflict(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof PessimisticLockingFailureException) {
				return true;
			}
		}
		return false;
	}

	private static boolean unavailable(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
					|| t instanceof TransientDataAccessException || t instanceof java.sql.SQLTransientConnectionException) {
				return true;
			}
		}
		return false;
	}

}
