package org.gatehouse;

import java.util.Arrays;

import org.gatehouse.operations.CommandRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Gatehouse: organizations, their users and roles, and how each person signs in, with every
 * way back in after a lost MFA device.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GatehouseApplication {

	public static void main(String[] args) {
		if (args.length > 0 && CommandRunner.NAMES.contains(args[0])) {
			// the bean definitions compiled at build time are the server's; a command builds its own context
			System.setProperty("spring.aot.enabled", "false");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(GatehouseApplication.class)
				.web(WebApplicationType.NONE)
				.properties("gatehouse.command=" + args[0], "spring.main.banner-mode=off")
				.run(Arrays.copyOfRange(args, 1, args.length));
			System.exit(SpringApplication.exit(context));
		}
		SpringApplication.run(GatehouseApplication.class, args);
	}

}
