package org.gatehouse.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.gatehouse.login.internal.ConsoleSessionFilter;
import org.gatehouse.login.internal.KnownDevices;
import org.gatehouse.mfa.EnrollmentStarted;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.web.ConsoleMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's challenge and first enrollment, reachable only by a half-finished sign-in. Unlike the other console
 * pages, these show their own refusals: a refusal may end the sign-in (the page is then the sign-in form), and a
 * refused enrollment starts again with a new key.
 */
@Controller
class SecondStepPages {

	private final SecondStep secondStep;
	private final KnownDevices devices;
	private final ConsoleMessages messages;

	SecondStepPages(SecondStep secondStep, KnownDevices devices, ConsoleMessages messages) {
		this.secondStep = secondStep;
		this.devices = devices;
		this.messages = messages;
	}

	/** The code from the authenticator (or a recovery code), and on enrollment the new device's name. */
	record CodeForm(String code, String label) {

		CodeForm {
			code = code == null ? "" : code;
			label = label == null ? "" : label;
		}

		@Override
		public String toString() {
			return "CodeForm";
		}

	}

	@GetMapping("/login/challenge")
	String challengePage(HttpServletRequest request) {
		SignedIn signedIn = pending(request);
		if (signedIn == null) {
			return "redirect:/login";
		}
		return "challenge";
	}

	@PostMapping("/login/challenge")
	String challenge(@ModelAttribute("form") CodeForm form, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		SignedIn signedIn = pending(request);
		if (signedIn == null) {
			return "redirect:/login";
		}
		try {
			SecondStep.Passed passed = secondStep.challenge(signedIn, form.code(), () -> request.getSession().invalidate());
			finish(request, passed.signedIn());
			devices.remember(request, response, passed.signedIn());
			if (passed.recoveryCodeUsed()) {
				redirect.addFlashAttribute("notice", messages.text("login.recovery-code-used"));
				return "redirect:/account";
			}
			return "redirect:/";
		}
		catch (ProblemException ex) {
			response.setStatus(ex.problem().status());
			if (request.getSession(false) == null || !request.isRequestedSessionIdValid()) {
				model.addAttribute("form", new SignInPages.LoginForm("", "", ""));
				model.addAttribute("error", ex.getMessage());
				return "login";
			}
			model.addAttribute("error", ex.getMessage());
			return "challenge";
		}
	}

	@GetMapping("/login/enroll")
	String enrollPage(HttpServletRequest request, Model model) {
		SignedIn signedIn = pending(request);
		if (signedIn == null) {
			return "redirect:/login";
		}
		try {
			EnrollmentStarted started = secondStep.startEnrollment(signedIn);
			model.addAttribute("enrollment", started);
			model.addAttribute("action", "/login/enroll");
			return "enroll";
		}
		catch (ProblemException ex) {
			return "redirect:/";
		}
	}

	@PostMapping("/login/enroll")
	String enroll(@ModelAttribute("form") CodeForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
		SignedIn signedIn = pending(request);
		if (signedIn == null) {
			return "redirect:/login";
		}
		try {
			SecondStep.Passed passed = secondStep.confirmEnrollment(signedIn, form.code(), form.label(),
					() -> request.getSession().invalidate());
			finish(request, passed.signedIn());
			devices.remember(request, response, passed.signedIn());
			model.addAttribute("codes", passed.enrollment().recoveryCodes());
			return "recovery-codes";
		}
		catch (ProblemException ex) {
			response.setStatus(ex.problem().status());
			model.addAttribute("error", messages.text("login.enroll-again", ex.getMessage()));
			if (!request.isRequestedSessionIdValid()) {
				model.addAttribute("form", new SignInPages.LoginForm("", "", ""));
				return "login";
			}
			return enrollPage(request, model);
		}
	}

	private static SignedIn pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(ConsoleSessionFilter.ATTRIBUTE) instanceof SignedIn s ? s : null;
	}

	static void finish(HttpServletRequest request, SignedIn signedIn) {
		request.changeSessionId();
		request.getSession().setAttribute(ConsoleSessionFilter.ATTRIBUTE, signedIn);
	}

}
