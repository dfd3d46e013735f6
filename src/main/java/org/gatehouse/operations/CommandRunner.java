package org.gatehouse.operations;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs the command named by {@code gatehouse.command} (set by the launcher when the first argument names one). */
@Component
@ConditionalOnProperty("gatehouse.command")
public class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

	private final List<GatehouseCommand> commands;
	private final String name;
	private int status;

	CommandRunner(List<GatehouseCommand> commands, org.springframework.core.env.Environment env) {
		this.commands = commands;
		this.name = env.getProperty("gatehouse.command");
	}

	@Override
	public void run(ApplicationArguments args) {
		GatehouseCommand command = commands.stream().filter(c -> c.name().equals(name)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown command " + name));
		status = command.run(Arrays.asList(args.getSourceArgs()));
	}

	@Override
	public int getExitCode() {
		return status;
	}

	/** The command names the launcher recognises on the command line. */
	public static final List<String> NAMES = List.of("migrate", "reencrypt-secrets", "support");

}
