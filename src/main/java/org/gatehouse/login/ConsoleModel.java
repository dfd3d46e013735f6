package org.gatehouse.login;

import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.shared.Permission;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page needs to draw its navigation. */
@ControllerAdvice(annotations = Controller.class)
class ConsoleModel {

	@ModelAttribute
	void navigation(Model model) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth
				&& auth.stage() == Stage.DONE) {
			model.addAttribute("signedIn", auth.signedIn());
			model.addAttribute("canManageUsers", auth.actor().holds(Permission.USERS_MANAGE));
			model.addAttribute("canManageRoles", auth.actor().holds(Permission.ROLES_MANAGE));
			model.addAttribute("canReadAudit", auth.actor().holds(Permission.AUDIT_READ));
			model.addAttribute("canSupport", auth.actor().holds(Permission.SUPPORT_AGENT));
		}
	}

}
