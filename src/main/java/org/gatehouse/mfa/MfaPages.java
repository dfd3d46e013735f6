package org.gatehouse.mfa;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.gatehouse.shared.Actor;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.shared.UserId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's "Disable MFA" on a user's page, and the "this was not me" link of the enrollment email. */
@Controller
class MfaPages {

	private final Authenticators authenticators;
	private final Enrollment enrollment;

	MfaPages(Authenticators authenticators, Enrollment enrollment) {
		this.authenticators = authenticators;
		this.enrollment = enrollment;
	}

	record ReportRequest(@NotBlank @Size(max = 100) String token) {
	}

	@PostMapping("/users/{id}/mfa/disable")
	String disable(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		try {
			authenticators.disableByAdministrator(actor, new UserId(id), reason);
			redirect.addFlashAttribute("notice", "MFA is disabled for this user: every device and recovery code is "
					+ "gone and their sessions ended. They were emailed.");
		}
		catch (ProblemException ex) {
			if (ex.problem().status() == 404) {
				throw ex;
			}
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/users/" + id;
	}

	@GetMapping("/report-device")
	String reportPage(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "report-device";
	}

	@PostMapping("/report-device")
	String report(@RequestParam(defaultValue = "") String token, Model model, HttpServletResponse response) {
		try {
			enrollment.reportNotMe(token);
			model.addAttribute("reported", true);
		}
		catch (ProblemException ex) {
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.problem().status());
		}
		return "report-device";
	}

	@PostMapping("/api/v1/authenticators/report")
	@ResponseBody
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void reportApi(@Valid @RequestBody ReportRequest body) {
		enrollment.reportNotMe(body.token());
	}

}
