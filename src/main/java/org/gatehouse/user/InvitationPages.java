package org.gatehouse.user;

import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page behind the invitation link: the invited user sets a password. */
@Controller
class InvitationPages {

	private final Users users;

	InvitationPages(Users users) {
		this.users = users;
	}

	@GetMapping("/invitation")
	String form(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "invitation";
	}

	@PostMapping("/invitation")
	String accept(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			Model model, HttpServletResponse response) {
		try {
			users.acceptInvitation(token, password);
			model.addAttribute("accepted", true);
		}
		catch (ProblemException ex) {
			model.addAttribute("token", token);
			model.addAttribute("error", ex.getMessage());
			response.setStatus(ex.problem().status());
		}
		return "invitation";
	}

}
