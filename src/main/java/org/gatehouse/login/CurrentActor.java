package org.gatehouse.login;

import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands controllers the {@link Actor} of a finished sign-in; the tenant comes from nowhere else. */
class CurrentActor implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Actor.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
			WebDataBinderFactory binders) {
		return current();
	}

	static Actor current() {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth
				&& auth.stage() == Stage.DONE) {
			return auth.actor();
		}
		throw new ProblemException(Problem.UNAUTHENTICATED, "Sign in first.");
	}

}
