package org.gatehouse.recovery;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The public pages: "Submit a request", the proof link's page and the cancel link's page. */
@Controller
class IntakePages {

	static final String RECEIVED = "Thank you. We received your request and emailed an acknowledgement to the "
			+ "address you gave. If the details match an organization we hold, we will contact you at the address on "
			+ "file. We never ask for codes from your authenticator.";

	private final Intake intake;
	private final EmailProof proof;
	private final Cancellation cancellation;

	IntakePages(Intake intake, EmailProof proof, Cancellation cancellation) {
		this.intake = intake;
		this.proof = proof;
		this.cancellation = cancellation;
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
	String submit(RequestForm form, HttpServletRequest request, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		try {
			intake.submit(new Intake.Request(form.organization(), form.email(), form.message()), request.getRemoteAddr());
			redirect.addFlashAttribute("notice", RECEIVED);
			return "redirect:/support/request";
		}
		catch (ProblemException ex) {
			response.setStatus(ex.problem().status());
			model.addAttribute("form", form);
			model.addAttribute("error", ex.getMessage());
			return "support-request";
		}
	}

	@GetMapping("/support/proof")
	String proofPage(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "support-proof";
	}

	/** The same page whether the password was right or not. */
	@PostMapping("/support/proof")
	String prove(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			Model model, HttpServletResponse response) {
		try {
			proof.prove(token, password);
			model.addAttribute("done", true);
		}
		catch (ProblemException ex) {
			response.setStatus(ex.problem().status());
			model.addAttribute("error", ex.getMessage());
		}
		return "support-proof";
	}

	@GetMapping("/support/cancel")
	String cancelPage(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "support-cancel";
	}

	@PostMapping("/support/cancel")
	String cancel(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		try {
			cancellation.cancel(token);
			model.addAttribute("done", true);
		}
		catch (ProblemException ex) {
			response.setStatus(ex.problem().status());
			model.addAttribute("error", ex.getMessage());
		}
		return "support-cancel";
	}

}
