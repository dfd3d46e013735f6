package org.gatehouse.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.shared.Problem;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the servlet container's error dispatch shows: a problem response under /api, the console's
 * error page elsewhere. Never a stack trace.
 */
@Controller
class ErrorPages implements ErrorController {

	@RequestMapping("/error")
	Object error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
		status = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		Problem problem = problemFor(status);
		if (uri instanceof String path && path.startsWith("/api/")) {
			return ResponseEntity.status(status).body(ProblemResponses.detail(problem, problem.title() + "."));
		}
		return new ModelAndView("error", Map.of("title", problem.title(), "detail", status.getReasonPhrase()), status);
	}

	private static Problem problemFor(HttpStatus status) {
		return switch (status.value()) {
			case 401 -> Problem.UNAUTHENTICATED;
			case 403 -> Problem.FORBIDDEN;
			case 404 -> Problem.NOT_FOUND;
			case 405, 406, 415 -> Problem.UNSUPPORTED;
			case 409 -> Problem.CONFLICT;
			case 429 -> Problem.THROTTLED;
			case 503 -> Problem.UNAVAILABLE;
			default -> status.is4xxClientError() ? Problem.INVALID_INPUT : Problem.INTERNAL;
		};
	}

}
