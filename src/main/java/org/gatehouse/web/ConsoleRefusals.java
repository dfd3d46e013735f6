package org.gatehouse.web;

import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.PermissionDenied;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The one place where a refused console action becomes a page: for an action marked {@link ShowsRefusal}, a
 * {@link ProblemException} or a failed form validation shows the action's page again with the message (or
 * redirects to it with the message). Everything else, and everything under {@code /api}, goes on to
 * {@link ProblemResponses} and its problem JSON or error page, unchanged.
 */
@Component
class ConsoleRefusals implements HandlerExceptionResolver, Ordered {

	/** Field names never drawn back into a form. */
	private static final String SECRET = "(?i).*(password|code).*";

	private final MessageSource messages;

	ConsoleRefusals(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1; // before the @ExceptionHandler advices
	}

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!(handler instanceof HandlerMethod method) || request.getRequestURI().startsWith("/api/")) {
			return null;
		}
		ShowsRefusal shows = method.getMethodAnnotation(ShowsRefusal.class);
		if (shows == null) {
			return null;
		}
		if (ex instanceof ProblemException refusal && forThePage(shows, refusal)) {
			return page(shows, method, request, refusal.problem().status(), refusal.getMessage());
		}
		if (ex instanceof BindException invalid && !bindingFailed(invalid)) {
			return page(shows, method, request, Problem.INVALID_INPUT.status(), message(invalid));
		}
		return null;
	}

	private static boolean forThePage(ShowsRefusal shows, ProblemException refusal) {
		if (refusal instanceof PermissionDenied && shows.errorPageForMissingPermission()) {
			return false;
		}
		return !Arrays.asList(shows.errorPageFor()).contains(refusal.problem());
	}

	/** A value of the wrong type (a malformed id, say) is no refusal of the form but a bad request, as elsewhere. */
	private static boolean bindingFailed(BindException invalid) {
		return invalid.getFieldErrors().stream().anyMatch(FieldError::isBindingFailure);
	}

	private String message(BindException invalid) {
		ObjectError error = invalid.getAllErrors().get(0);
		return messages.getMessage(error, LocaleContextHolder.getLocale());
	}

	private static ModelAndView page(ShowsRefusal shows, HandlerMethod method, HttpServletRequest request, int status,
			String message) {
		if (shows.value().startsWith("redirect:")) {
			RequestContextUtils.getOutputFlashMap(request).put("error", message);
			return new ModelAndView(shows.value());
		}
		ModelAndView page = new ModelAndView(shows.value());
		page.setStatus(HttpStatus.valueOf(status));
		page.addObject("error", message);
		for (MethodParameter parameter : method.getMethodParameters()) {
			ModelAttribute form = parameter.getParameterAnnotation(ModelAttribute.class);
			if (form != null) {
				page.addObject(form.name().isEmpty() ? form.value() : form.name(), redrawn(parameter, request));
			}
		}
		return page;
	}

	/** The submitted form bound again, without the fields that hold a secret. */
	private static Object redrawn(MethodParameter parameter, HttpServletRequest request) {
		ServletRequestDataBinder binder = new ServletRequestDataBinder(null, parameter.getParameterName());
		binder.setTargetType(ResolvableType.forMethodParameter(parameter));
		binder.construct(withoutSecrets(request));
		return binder.getTarget();
	}

	private static ServletRequest withoutSecrets(HttpServletRequest request) {
		return new HttpServletRequestWrapper(request) {

			@Override
			public String getParameter(String name) {
				return name.matches(SECRET) ? null : super.getParameter(name);
			}

			@Override
			public String[] getParameterValues(String name) {
				return name.matches(SECRET) ? null : super.getParameterValues(name);
			}

			@Override
			public Map<String, String[]> getParameterMap() {
				Map<String, String[]> kept = new java.util.LinkedHashMap<>(super.getParameterMap());
				kept.keySet().removeIf(name -> name.matches(SECRET));
				return kept;
			}

			@Override
			public Enumeration<String> getParameterNames() {
				return Collections.enumeration(getParameterMap().keySet());
			}

		};
	}

}
