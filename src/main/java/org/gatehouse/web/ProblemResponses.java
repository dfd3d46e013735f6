package org.gatehouse.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every refusal into an RFC 9457 problem response with a stable type for the API, and into
 * the error page for the console. Never a stack trace, never a secret.
 */
@ControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ExceptionHandler(ProblemException.class)
	Object refused(ProblemException ex, HttpServletRequest request, HttpServletResponse response) {
		if (ex.retryAfter() != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
		}
		return answer(request, ex.problem(), ex.getMessage());
	}

	@ExceptionHandler(DuplicateKeyException.class)
	Object duplicate(HttpServletRequest request) {
		return answer(request, Problem.CONFLICT, "Something with the same unique name already exists.");
	}

	/**
	 * Two changes to the same rows met under their locks and the database gave up one of them (a
	 * deadlock or a lock wait too long): that transaction rolled back whole, so nothing changed and
	 * the same request may simply be sent again.
	 */
	@ExceptionHandler(PessimisticLockingFailureException.class)
	Object lockConflict(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		log.warn("{} {} rolled back: {}", request.getMethod(), request.getRequestURI(), ex.getClass().getSimpleName());
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		return answer(request, Problem.CONFLICT, LOCK_CONFLICT);
	}

	static final String LOCK_CONFLICT = "Another change to the same account arrived at the same moment; nothing was "
			+ "changed. Try again.";

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class })
	Object unavailable(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		log.warn("database unavailable: {}", ex.getClass().getSimpleName());
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		return answer(request, Problem.UNAVAILABLE, "The service cannot reach its database. Try again shortly.");
	}

	/** Every problem the framework answers for bad input gets one of our stable types. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail detail && statusCode.is4xxClientError()) {
			Problem problem = switch (statusCode.value()) {
				case 404 -> Problem.NOT_FOUND;
				case 405, 406, 415 -> Problem.UNSUPPORTED;
				default -> Problem.INVALID_INPUT;
			};
			detail.setType(URI.create(problem.typeUri()));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	static ProblemDetail detail(Problem problem, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(problem.status()), detail);
		body.setType(URI.create(problem.typeUri()));
		body.setTitle(problem.title());
		return body;
	}

	/**
	 * Writes a problem response straight to the servlet response, for the filters and security
	 * handlers that answer before Spring MVC runs: {@code type}, {@code title}, {@code status},
	 * {@code detail} and, when not null, {@code instance}, in that order, escaped by Jackson.
	 */
	public static void write(HttpServletResponse response, Problem problem, String detail, String instance)
			throws IOException {
		response.setStatus(problem.status());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write(json(problem, detail, instance));
	}

	/** {@link #write(HttpServletResponse, Problem, String, String)} with a {@code Retry-After} header. */
	public static void write(HttpServletResponse response, Problem problem, String detail, long retryAfterSeconds,
			String instance) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		write(response, problem, detail, instance);
	}

	static String json(Problem problem, String detail, String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.typeUri());
		body.put("title", problem.title());
		body.put("status", problem.status());
		body.put("detail", detail);
		if (instance != null) {
			body.put("instance", instance);
		}
		return JSON.writeValueAsString(body);
	}

	/** A problem response under /api, the console's error page elsewhere. */
	public static Object answer(HttpServletRequest request, Problem problem, String message) {
		if (request.getRequestURI().startsWith("/api/")) {
			return ResponseEntity.status(problem.status()).body(detail(problem, message));
		}
		ModelAndView page = new ModelAndView("error");
		page.setStatus(HttpStatus.valueOf(problem.status()));
		page.addObject("title", problem.title());
		page.addObject("detail", message);
		return page;
	}

}
