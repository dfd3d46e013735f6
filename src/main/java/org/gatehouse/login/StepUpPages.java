package org.gatehouse.login;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.shared.Actor;
import org.gatehouse.user.Users;
import org.gatehouse.web.ConsoleMessages;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The step-up form on the console's account page: the strongest factor again, for the next 10 minutes. */
@Controller
class StepUpPages {

	private final StepUp stepUp;
	private final Users users;
	private final SessionFactors factors;
	private final ConsoleMessages messages;

	StepUpPages(StepUp stepUp, Users users, SessionFactors factors, ConsoleMessages messages) {
		this.stepUp = stepUp;
		this.users = users;
		this.factors = factors;
		this.messages = messages;
	}

	/** A code from the authenticator, or the password for someone without one. */
	record StepUpForm(String code, String password) {

		@Override
		public String toString() {
			return "StepUpForm";
		}

	}

	@PostMapping("/account/step-up")
	@ShowsRefusal("redirect:/account")
	String stepUp(Actor actor, @ModelAttribute("form") StepUpForm form, HttpServletRequest request,
			RedirectAttributes redirect) {
		Instant at = stepUp.verify(actor, form.code(), form.password());
		boolean hasDevice = users.find(actor.organizationId(), actor.userId()).orElseThrow().authenticators() > 0;
		factors.inConsole(request, signedIn -> hasDevice ? signedIn.withStrongFactor(at) : signedIn.withPassword(at));
		redirect.addFlashAttribute("notice", messages.text("account.stepped-up"));
		return "redirect:/account";
	}

}
