package org.gatehouse.mfa;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.Problem;
import org.gatehouse.shared.UserId;
import org.gatehouse.web.ConsoleForms;
import org.gatehouse.web.ConsoleMessages;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's "Disable MFA" on a user's page, and the "this was not me" link of the enrollment email. */
@Controller
class MfaPages {

	private final Authenticators authenticators;
	private final Enrollment enrollment;
	private final ConsoleMessages messages;

	MfaPages(Authenticators authenticators, Enrollment enrollment, ConsoleMessages messages) {
		this.authenticators = authenticators;
		this.enrollment = enrollment;
		this.messages = messages;
	}

	record ReportRequest(@NotBlank @Size(max = 100) String token) {
	}

	@PostMapping("/users/{id}/mfa/disable")
	@ShowsRefusal(value = "redirect:/users/{id}", errorPageFor = Problem.NOT_FOUND)
	String disable(Actor actor, @PathVariable UUID id, @ModelAttribute("form") ConsoleForms.Reason form,
			RedirectAttributes redirect) {
		authenticators.disableByAdministrator(actor, new UserId(id), form.reason());
		redirect.addFlashAttribute("notice", messages.text("mfa.disabled-by-administrator"));
		return "redirect:/users/" + id;
	}

	@GetMapping("/report-device")
	String reportPage(@ModelAttribute("form") ConsoleForms.Token form) {
		return "report-device";
	}

	@PostMapping("/report-device")
	@ShowsRefusal("report-device")
	String report(@ModelAttribute("form") ConsoleForms.Token form, Model model) {
		enrollment.reportNotMe(form.token());
		model.addAttribute("reported", true);
		return "report-device";
	}

	@PostMapping("/api/v1/authenticators/report")
	@ResponseBody
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void reportApi(@Valid @RequestBody ReportRequest body) {
		enrollment.reportNotMe(body.token());
	}

}
