package org.gatehouse.recovery.internal;

import java.io.PrintStream;
import java.util.List;

import org.gatehouse.operations.GatehouseCommand;
import org.gatehouse.recovery.SupportAgents;
import org.gatehouse.shared.ProblemException;
import org.gatehouse.user.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar gatehouse.jar support create-agent --email a@example.com --name "Ann Agent" [--lead]}:
 * creates a support agent (invited) and prints the single-use link that sets their password. The
 * link is printed only, never logged or emailed.
 */
@Component
public class SupportCommand implements GatehouseCommand {

	static final String USAGE = "usage: support create-agent --email <address> --name <name> [--lead]";

	private final SupportAgents agents;
	private final PrintStream out;
	private final PrintStream err;

	@Autowired
	SupportCommand(SupportAgents agents) {
		this(agents, System.out, System.err);
	}

	SupportCommand(SupportAgents agents, PrintStream out, PrintStream err) {
		this.agents = agents;
		this.out = out;
		this.err = err;
	}

	@Override
	public String name() {
		return "support";
	}

	@Override
	public int run(List<String> args) {
		if (args.isEmpty() || !args.get(0).equals("create-agent")) {
			err.println(USAGE);
			return 2;
		}
		String email = option(args, "--email");
		String name = option(args, "--name");
		boolean lead = args.contains("--lead");
		if (email == null || name == null) {
			err.println(USAGE);
			return 2;
		}
		try {
			Users.Invitation invitation = agents.createByOperator(email, name, lead);
			out.println("Support " + (lead ? "lead" : "agent") + " " + invitation.account().email() + " created.");
			out.println("Send them this link to set a password (it works once, for 7 days); at the first sign-in at "
					+ "/platform/login they set up an authenticator app:");
			out.println(invitation.link());
			return 0;
		}
		catch (ProblemException ex) {
			err.println("Not created: " + ex.getMessage());
			return 1;
		}
	}

	/** The value of {@code --name value} or {@code --name=value}. */
	static String option(List<String> args, String name) {
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (arg.equals(name) && i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
				return args.get(i + 1);
			}
			if (arg.startsWith(name + "=")) {
				return arg.substring(name.length() + 1);
			}
		}
		return null;
	}

}
