package org.gatehouse.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.gatehouse.login.internal.ConsoleSessionFilter;
import org.gatehouse.login.internal.KnownDevices;
import org.gatehouse.mfa.EnrollmentStarted;
import org.gatehouse.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's challenge and first enrollment, reachable only by a half-finished sign-in. */
@Controller
class SecondStepPages {

	private final SecondStep secondStep;
	private final KnownDevices devices;

	SecondStepPages(SecondStep secondStep, KnownDevices devices) {
		this.secondStep = secondStep;
		this.devices = devices;
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
	String challenge(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		SignedIn signedIn = pending(request);
		if (signedIn == null) {
			return "redirect:/login";
		}
		try {
			SecondStep.Passed passed = secondStep.challenge(signedIn, code, () -> request.getSession().invalidate());
			finish(request, passed.signedIn());
			devices.remember(request, response, passed.signedIn());
			if (passed.recoveryCodeUsed()) {
				redirect.addFlashAttribute("notice", "You signed in with a recovery code. If you lost your device, "
						+ "replace it now with \"Reset my MFA token\".");
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
	String enroll(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String label,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		SignedIn signedIn = pending(request);
		if (signedIn == null) {
			return "redirect:/login";
		}
		try {
			SecondStep.Passed passed = secondStep.confirmEnrollment(signedIn, code, label,
					() -> request.getSession().invalidate());
			finish(request, passed.signedIn());
			devices.remember(request, response, passed.signedIn());
			model.addAttribute("codes", passed.enrollment().recoveryCodes());
			return "recovery-codes";
		}
		catch (ProblemException ex) {
			response.setStatus(ex.problem().status());
			model.addAttribute("error", ex.getMessage() + " Start again with the new key below.");
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
