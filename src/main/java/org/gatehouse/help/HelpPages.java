package org.gatehouse.help;

import org.gatehouse.web.ConsoleMessages;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The lost-device help page and its "did this help?" vote. */
@Controller
class HelpPages {

	private final HelpVotes votes;
	private final ConsoleMessages messages;

	HelpPages(HelpVotes votes, ConsoleMessages messages) {
		this.votes = votes;
		this.messages = messages;
	}

	/** "Did this help?": yes unless told otherwise. */
	record VoteForm(Boolean helpful) {

		VoteForm {
			helpful = helpful == null || helpful;
		}

	}

	@GetMapping("/help/lost-device")
	String lostDevice(Model model) {
		return "help-lost-device";
	}

	@PostMapping("/help/lost-device/vote")
	String vote(@ModelAttribute("form") VoteForm form, RedirectAttributes redirect) {
		votes.vote("lost-device", form.helpful());
		redirect.addFlashAttribute("notice", messages.text("help.thanks"));
		return "redirect:/help/lost-device";
	}

}
