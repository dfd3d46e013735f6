package org.gatehouse.organization;

import org.gatehouse.web.ConsoleForms;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

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
	@ShowsRefusal("signup")
	String signUp(@ModelAttribute("form") SignUpForm form, Model model) {
		var result = organizations.signUp(new Organizations.SignUp(form.name(), form.slug(), form.ownerName(),
				form.ownerEmail(), form.ownerPassword()));
		model.addAttribute("organization", result.organization());
		return "signup-done";
	}

	@GetMapping("/verify-email")
	String confirmPage(@ModelAttribute("form") ConsoleForms.Token form) {
		return "verify-email";
	}

	@PostMapping("/verify-email")
	@ShowsRefusal("verify-email")
	String confirm(@ModelAttribute("form") ConsoleForms.Token form, Model model) {
		model.addAttribute("organization", organizations.verifyPrimaryEmail(form.token()));
		model.addAttribute("verified", true);
		return "verify-email";
	}

}
