package org.gatehouse.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.gatehouse.login.internal.ClientThrottle;
import org.gatehouse.login.internal.ConsoleSessionFilter;
import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.login.internal.KnownDevices;
import org.gatehouse.organization.Organizations;
import org.gatehouse.organization.SecurityOverview;
import org.gatehouse.role.Roles;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.OrganizationId;
import org.gatehouse.user.Users;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's start page, sign-in and sign-out. */
@Controller
class SignInPages {

	private final SignInFlow flow;
	private final Users users;
	private final Roles roles;
	private final Organizations organizations;
	private final SecurityOverview security;
	private final KnownDevices devices;

	SignInPages(SignInFlow flow, Users users, Roles roles, Organizations organizations, SecurityOverview security,
			KnownDevices devices) {
		this.flow = flow;
		this.users = users;
		this.roles = roles;
		this.organizations = organizations;
		this.security = security;
		this.devices = devices;
	}

	record LoginForm(String organization, String email, String password) {

		@Override
		public String toString() {
			return "LoginForm[" + organization + "]";
		}

	}

	@GetMapping("/")
	String start(Model model) {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth)) {
			return "index";
		}
		if (auth.stage() != Stage.DONE) {
			return auth.stage() == Stage.MFA_CHALLENGE ? "redirect:/login/challenge" : "redirect:/login/enroll";
		}
		Actor actor = auth.actor();
		if (OrganizationId.PLATFORM.equals(actor.organizationId())) {
			return "redirect:/platform";
		}
		var me = users.find(actor.organizationId(), actor.userId()).orElseThrow();
		var org = organizations.find(actor.organizationId()).orElseThrow();
		model.addAttribute("me", me);
		model.addAttribute("organization", org);
		model.addAttribute("role", roles.find(actor.organizationId(), me.roleId()).orElseThrow());
		model.addAttribute("chiefOperator", me.id().equals(org.chiefOperatorId()));
		model.addAttribute("risk", me.id().equals(org.chiefOperatorId()) ? security.lockoutRisk(org.id()) : null);
		return "home";
	}

	@GetMapping("/login")
	String loginPage(@RequestParam(required = false) String throttled, Model model) {
		model.addAttribute("form", new LoginForm("", "", ""));
		if (throttled != null) {
			model.addAttribute("error", ClientThrottle.REFUSAL); // sent here by ClientTarpit
		}
		return "login";
	}

	@PostMapping("/login")
	@ShowsRefusal("login")
	String login(@ModelAttribute("form") LoginForm form, HttpServletRequest request, HttpServletResponse response) {
		SignInFlow.Started started = flow.password(form.organization(), form.email(), form.password(),
				request.getRemoteAddr(), KnownDevices.presented(request));
		HttpSession session = request.getSession(true);
		request.changeSessionId();
		session.setAttribute(ConsoleSessionFilter.ATTRIBUTE, started.signedIn());
		if (started.stage() == Stage.DONE) {
			devices.remember(request, response, started.signedIn());
		}
		return switch (started.stage()) {
			case DONE -> "redirect:/";
			case MFA_CHALLENGE -> "redirect:/login/challenge";
			case MFA_ENROLLMENT -> "redirect:/login/enroll";
		};
	}

	@PostMapping("/logout")
	String logout(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return "redirect:/login?signedOut";
	}

}
