package org.gatehouse.login;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.login.internal.Refusals;
import org.gatehouse.mfa.Authenticators;
import org.gatehouse.mfa.Enrollment;
import org.gatehouse.mfa.EnrollmentResult;
import org.gatehouse.shared.Actor;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.user.Users;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My account: devices, backup devices, "Reset my MFA token", recovery codes, step-up. */
@Controller
class AccountPages {

	private final Authenticators authenticators;
	private final Enrollment enrollment;
	private final Users users;
	private final StepUp stepUp;
	private final Clock clock;

	AccountPages(Authenticators authenticators, Enrollment enrollment, Users users, StepUp stepUp, Clock clock) {
		this.authenticators = authenticators;
		this.enrollment = enrollment;
		this.users = users;
		this.stepUp = stepUp;
		this.clock = clock;
	}

	@GetMapping("/account")
	String account(Actor actor, Model model) {
		var me = users.find(actor.organizationId(), actor.userId()).orElseThrow();
		int left = authenticators.recoveryCodesLeft(actor.organizationId(), actor.userId());
		model.addAttribute("me", me);
		model.addAttribute("devices", authenticators.list(actor.organizationId(), actor.userId()));
		model.addAttribute("codesLeft", left);
		model.addAttribute("codesLow", me.authenticators() > 0 && left <= MeController.LOW_RECOVERY_CODES);
		model.addAttribute("usesPassword", me.authenticators() == 0);
		return "account";
	}

	@PostMapping("/account/step-up")
	String stepUp(Actor actor, @RequestParam(required = false) String code,
			@RequestParam(required = false) String password, HttpServletRequest request, RedirectAttributes redirect) {
		try {
			var at = stepUp.verify(actor, code, password);
			boolean hasDevice = users.find(actor.organizationId(), actor.userId()).orElseThrow().authenticators() > 0;
			SecondStepPages.finish(request, hasDevice ? current().withStrongFactor(at) : current().withPassword(at));
			redirect.addFlashAttribute("notice", "Confirmed. For the next 10 minutes you can change your security settings.");
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/account";
	}

	@GetMapping("/account/authenticators/new")
	String add(Actor actor, @RequestParam(defaultValue = "false") boolean replace, Model model,
			RedirectAttributes redirect) {
		try {
			actor.requireRecentSecondFactor(clock.instant());
			model.addAttribute("enrollment", enrollment.start(actor.organizationId(), actor.userId(), null, replace));
			model.addAttribute("action", "/account/authenticators/confirm");
			return "enroll";
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/account";
		}
	}

	@PostMapping("/account/authenticators/confirm")
	String confirm(Actor actor, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String label, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		try {
			EnrollmentResult result = enrollment.confirm(actor.organizationId(), actor.userId(), code, label);
			if (!result.verdict().accepted()) {
				throw Refusals.of(result.verdict());
			}
			SecondStepPages.finish(request,
					current().withConfirmedDevice(clock.instant(), actor.hasRecentStrongFactor(clock.instant())));
			model.addAttribute("codes", result.recoveryCodes());
			return "recovery-codes";
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/account";
		}
	}

	@PostMapping("/account/authenticators/{id}/remove")
	String remove(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			authenticators.remove(actor, id);
			redirect.addFlashAttribute("notice", "The authenticator is removed.");
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/account";
	}

	private static SignedIn current() {
		return ((GatehouseAuthentication) SecurityContextHolder.getContext().getAuthentication()).signedIn();
	}

	@PostMapping("/account/recovery-codes")
	String regenerate(Actor actor, Model model, RedirectAttributes redirect) {
		try {
			List<String> codes = authenticators.regenerateRecoveryCodes(actor);
			model.addAttribute("codes", codes);
			return "recovery-codes";
		}
		catch (ProblemException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/account";
		}
	}

}
