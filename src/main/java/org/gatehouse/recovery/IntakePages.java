package org.gatehouse.recovery;

import jakarta.servlet.http.HttpServletRequest;

import org.gatehouse.web.ConsoleForms;
import org.gatehouse.web.ConsoleMessages;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public pages: "Submit a request", the proof link's page and the cancel link's page. */
@Controller
class IntakePages {

	/** The message key of the answer to every request, whether it matched an organization or not. */
	static final String RECEIVED = "support.request-received";

	private final Intake intake;
	private final EmailProof proof;
	private final Cancellation cancellation;
	private final ConsoleMessages messages;

	IntakePages(Intake intake, EmailProof proof, Cancellation cancellation, ConsoleMessages messages) {
		this.intake = intake;
		this.proof = proof;
		this.cancellation = cancellation;
		this.messages = messages;
	}

	record RequestForm(String organization, String email, String message) {
	}

	@GetMapping("/support/request")
	String form(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new RequestForm("", "", ""));
		}
		return "support-request";
	}

	@PostMapping("/support/request")
	@ShowsRefusal("support-request")
	String submit(@ModelAttribute("form") RequestForm form, HttpServletRequest request, RedirectAttributes redirect) {
		intake.submit(new Intake.Request(form.organization(), form.email(), form.message()), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", messages.text(RECEIVED));
		return "redirect:/support/request";
	}

	@GetMapping("/support/proof")
	String proofPage(@ModelAttribute("form") ConsoleForms.TokenAndPassword form) {
		return "support-proof";
	}

	/** The same page whether the password was right or not. */
	@PostMapping("/support/proof")
	@ShowsRefusal("support-proof")
	String prove(@ModelAttribute("form") ConsoleForms.TokenAndPassword form, Model model) {
		proof.prove(form.token(), form.password());
		model.addAttribute("done", true);
		return "support-proof";
	}

	@GetMapping("/support/cancel")
	String cancelPage(@ModelAttribute("form") ConsoleForms.TokenAndPassword form) {
		return "support-cancel";
	}

	@PostMapping("/support/cancel")
	@ShowsRefusal("support-cancel")
	String cancel(@ModelAttribute("form") ConsoleForms.TokenAndPassword form, Model model) {
		cancellation.cancel(form.token());
		model.addAttribute("done", true);
		return "support-cancel";
	}

}
