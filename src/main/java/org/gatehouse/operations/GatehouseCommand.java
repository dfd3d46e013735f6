package org.gatehouse.operations;

import java.util.List;

/**
 * An operator's command run on the server, e.g. {@code java -jar gatehouse.jar reencrypt-secrets}:
 * the application starts without its web server, runs the command and exits with its status.
 */
public interface GatehouseCommand {

	/** The first word on the command line. */
	String name();

	/** Runs with the remaining words; returns the process exit status. */
	int run(List<String> args);

}
