package org.gatehouse.help;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class HelpPages {

	private final HelpVotes votes;

	HelpPages(HelpVotes votes) {
		this.votes = votes;
	}

	@GetMapping("/help/lost-device")
	String lostDevice(Model model) {
		return "help-lost-device";
	}

	@PostMapping("/help/lost-device/vote")
	String vote(@RequestParam(defaultValue = "true") boolean helpful, RedirectAttributes redirect) {
		votes.vote("lost-device", helpful);
		redirect.addFlashAttribute("notice", "Thank you for your answer.");
		return "redirect:/help/lost-device";
	}

}
