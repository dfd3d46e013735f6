package org.gatehouse.user;

import org.gatehouse.web.ConsoleForms;
import org.gatehouse.web.ShowsRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The page behind the invitation link: the invited user sets a password. */
@Controller
class InvitationPages {

	private final Users users;

	InvitationPages(Users users) {
		this.users = users;
	}

	@GetMapping("/invitation")
	String form(@ModelAttribute("form") ConsoleForms.TokenAndPassword form) {
		return "invitation";
	}

	@PostMapping("/invitation")
	@ShowsRefusal("invitation")
	String accept(@ModelAttribute("form") ConsoleForms.TokenAndPassword form, Model model) {
		users.acceptInvitation(form.token(), form.password());
		model.addAttribute("accepted", true);
		return "invitation";
	}

}
