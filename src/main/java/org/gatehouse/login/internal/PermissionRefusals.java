package org.gatehouse.login.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.audit.AuditAction;
import org.gatehouse.audit.AuditEntry;
import org.gatehouse.audit.AuditLog;
import org.gatehouse.login.Stage;
import org.gatehouse.shared.PermissionDenied;
import org.gatehouse.shared.Problem;
import org.gatehouse.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A signed-in person asking for something their role does not allow is refused, and the attempt is audited. */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PermissionRefusals {

	private final AuditLog audit;

	PermissionRefusals(AuditLog audit) {
		this.audit = audit;
	}

	@ExceptionHandler(PermissionDenied.class)
	Object denied(PermissionDenied ex, HttpServletRequest request) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth
				&& auth.stage() == Stage.DONE) {
			audit.recordRefusal(AuditEntry.byUser(auth.actor().organizationId(), auth.actor().userId().value(),
					AuditAction.PERMISSION_DENIED, null, Map.of("permission", ex.permission().code(),
							"request", request.getMethod() + " " + request.getRequestURI())));
		}
		return ProblemResponses.answer(request, Problem.FORBIDDEN, ex.getMessage());
	}

}
