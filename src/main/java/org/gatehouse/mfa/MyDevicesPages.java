package org.gatehouse.mfa;

import java.time.Clock;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.shared.Actor;
import org.gatehouse.user.Users;
import org.gatehouse.web.ConsoleMessages;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My account in the console: my devices, backup devices, "Reset my MFA token" and recovery codes. Every refusal
 * shows on the account page. The step-up form on that page posts to {@code login}.
 */
@Controller
class MyDevicesPages {

	private static final String ACCOUNT = "redirect:/account";

	private final Authenticators authenticators;
	private final Enrollment enrollment;
	private final DeviceConfirmations confirmations;
	private final Users users;
	private final ConsoleMessages messages;
	private final Clock clock;

	MyDevicesPages(Authenticators authenticators, Enrollment enrollment, DeviceConfirmations confirmations,
			Users users, ConsoleMessages messages, Clock clock) {
		this.authenticators = authenticators;
		this.enrollment = enrollment;
		this.confirmations = confirmations;
		this.users = users;
		this.messages = messages;
		this.clock = clock;
	}

	/** A new device: another one, or with {@code replace} the one that replaces all others. */
	record NewDeviceForm(Boolean replace) {

		NewDeviceForm {
			replace = Boolean.TRUE.equals(replace);
		}

	}

	/** The code from the new device, and its name. */
	record ConfirmationForm(String code, String label) {

		ConfirmationForm {
			code = code == null ? "" : code;
			label = label == null ? "" : label;
		}

		@Override
		public String toString() {
			return "ConfirmationForm";
		}

	}

	@GetMapping("/account")
	String account(Actor actor, Model model) {
		var me = users.find(actor.organizationId(), actor.userId()).orElseThrow();
		int left = authenticators.recoveryCodesLeft(actor.organizationId(), actor.userId());
		model.addAttribute("me", me);
		model.addAttribute("devices", authenticators.list(actor.organizationId(), actor.userId()));
		model.addAttribute("codesLeft", left);
		model.addAttribute("codesLow", me.authenticators() > 0 && left <= MyDevicesController.LOW_RECOVERY_CODES);
		model.addAttribute("usesPassword", me.authenticators() == 0);
		return "account";
	}

	@GetMapping("/account/authenticators/new")
	@ShowsRefusal(ACCOUNT)
	String add(Actor actor, @ModelAttribute("form") NewDeviceForm form, Model model) {
		actor.requireRecentSecondFactor(clock.instant());
		model.addAttribute("enrollment", enrollment.start(actor.organizationId(), actor.userId(), null, form.replace()));
		model.addAttribute("action", "/account/authenticators/confirm");
		return "enroll";
	}

	@PostMapping("/account/authenticators/confirm")
	@ShowsRefusal(ACCOUNT)
	String confirm(Actor actor, @ModelAttribute("form") ConfirmationForm form, HttpServletRequest request,
			Model model) {
		EnrollmentResult result = enrollment.confirm(actor.organizationId(), actor.userId(), form.code(),
				form.label());
		if (!result.verdict().accepted()) {
			throw Refusals.of(result.verdict());
		}
		confirmations.confirmedInConsole(actor, request);
		model.addAttribute("codes", result.recoveryCodes());
		return "recovery-codes";
	}

	@PostMapping("/account/authenticators/{id}/remove")
	@ShowsRefusal(ACCOUNT)
	String remove(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
		authenticators.remove(actor, id);
		redirect.addFlashAttribute("notice", messages.text("devices.removed"));
		return ACCOUNT;
	}

	@PostMapping("/account/recovery-codes")
	@ShowsRefusal(ACCOUNT)
	String regenerate(Actor actor, Model model) {
		model.addAttribute("codes", authenticators.regenerateRecoveryCodes(actor));
		return "recovery-codes";
	}

}
