package org.gatehouse.organization;

import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-up and the primary-email link in the console. */
@Controller
class SignUpPages {

	private final Organizations organizations;

	SignUpPages(Organizations organizations) {
		this.organizations = organizations;
	}

	record SignUpForm(String name, String slug, String ownerName, String ownerEmail, String ownerPassword) {

		@Override
		public String toString() {
			return "SignUpForm[" + slug + "]";
		}

	}

	@GetMapping("/signup")
	String form(Model model) {
		model.addAttribute("form", new SignUpForm("", "", "", "", ""));
		return "signup";
	}

	@PostMapping("/signup")
	String signUp(SignUpForm form, Model model, HttpServletResponse response) {
		try {
			var result = organizations.signUp(new Organizations.SignUp(form.name(), form.slug(), form.ownerName(),
					form.ownerEmail(), form.ownerPassword()));
			model.addAttribute("organization", result.organization());
			return "signup-done";
		}
		catch (ProblemException ex) {
			model.addAttribute("form", new SignUpForm(form.name(), form.slug(), form.ownerName(), form.ownerEmail(), ""));
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.problem().status());
			return "signup";
		}
	}

	@GetMapping("/verify-email")
	String confirmPage(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "verify-email";
	}

	@PostMapping("/verify-email")
	String confirm(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		try {
			model.addAttribute("organization", organizations.verifyPrimaryEmail(token));
			model.addAttribute("verified", true);
		}
		catch (ProblemException ex) {
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.problem().status());
		}
		return "verify-email";
	}

}
